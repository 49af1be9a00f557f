// The agent roster and sessions through the running suite (issue 5; R19, R26, R28, R29): an
// admin builds the roster, agents log in, pause and resume, a supervisor forces one out — and
// every transition is read back from tm.agents.v1, timed, in order, as reporting would read it.
// Refusals get the documented statuses: PERMISSION_DENIED for another agent's session,
// ALREADY_EXISTS for a second login, FAILED_PRECONDITION with the reason for an illegal
// transition, INVALID_ARGUMENT with field violations for bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

class AgentsEndToEnd : public testing::JwtSuiteTest<AgentsEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kServices[] = "contacts,campaigns,dialing";

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
  }

  v1::Skill CreateSkill(const std::string& id) {
    v1::CreateSkillRequest request;
    request.mutable_skill()->set_skill_id(id);
    request.mutable_skill()->set_display_name(id);
    v1::CreateSkillResponse response;
    grpc::Status status = dialing_->CreateSkill(As("root", {"admin"}).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.skill();
  }

  v1::Agent CreateAgent(const std::string& user, const std::string& employee_number,
                        const std::string& group_id) {
    v1::CreateAgentRequest request;
    v1::Agent* agent = request.mutable_agent();
    agent->set_display_name("agent " + user);
    agent->set_employee_number(employee_number);
    agent->set_user_id(user);
    agent->set_center_id("gz");
    agent->add_agent_group_ids(group_id);
    v1::AgentSkill* skill = agent->add_skills();
    skill->set_skill_id("cantonese");
    skill->set_level(8);
    agent->set_blending_mode(v1::BLENDING_MODE_OUTBOUND_ONLY);
    request.set_request_id(testing::UniqueName("req"));
    v1::CreateAgentResponse response;
    grpc::Status status = dialing_->CreateAgent(As("root", {"admin"}).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    // A retry with the same request_id answers the same agent.
    v1::CreateAgentResponse again;
    status = dialing_->CreateAgent(As("root", {"admin"}).get(), request, &again);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(again.agent().agent_id(), response.agent().agent_id());
    return response.agent();
  }

  grpc::Status Start(const std::string& user, const std::string& agent_id,
                     v1::AgentSession* session) {
    v1::StartSessionRequest request;
    request.set_agent_id(agent_id);
    request.set_station_id("sip:" + user + "@pbx.gd");
    v1::StartSessionResponse response;
    grpc::Status status = desktop_->StartSession(As(user, {"agent"}).get(), request, &response);
    if (session != nullptr) *session = response.session();
    return status;
  }

  grpc::Status SetState(const std::string& user, const std::string& session_id,
                        v1::AgentState state, v1::PauseReason reason = v1::PAUSE_REASON_UNSPECIFIED,
                        const std::string& note = "", v1::AgentSession* session = nullptr) {
    v1::SetAgentStateRequest request;
    request.set_session_id(session_id);
    request.set_state(state);
    request.set_pause_reason(reason);
    request.set_pause_note(note);
    v1::SetAgentStateResponse response;
    grpc::Status status = desktop_->SetAgentState(As(user, {"agent"}).get(), request, &response);
    if (session != nullptr) *session = response.session();
    return status;
  }

  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
};

TEST_F(AgentsEndToEnd, RosterLoginPauseResumeForceLogoutAndEveryTransitionOnKafka) {
  testing::TopicReader topic(testing::KafkaBrokers(), "tm.agents.v1");

  // The roster (R19): skills, an outbound sales group, two agents.
  EXPECT_EQ(CreateSkill("cantonese").skill_id(), "cantonese");
  CreateSkill("broadband");
  v1::CreateAgentGroupRequest group_request;
  group_request.mutable_agent_group()->set_display_name("宽带 SSR 广州");
  group_request.mutable_agent_group()->set_kind(v1::AGENT_GROUP_KIND_SSR);
  group_request.mutable_agent_group()->set_center_id("gz");
  group_request.mutable_agent_group()->add_supervisor_ids("wang");
  v1::CreateAgentGroupResponse group;
  grpc::Status status =
      dialing_->CreateAgentGroup(As("wang", {"supervisor"}).get(), group_request, &group);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string group_id = group.agent_group().agent_group_id();
  const v1::Agent a = CreateAgent("agent-a", "GZ-001", group_id);
  const v1::Agent b = CreateAgent("agent-b", "GZ-002", group_id);
  ASSERT_FALSE(a.agent_id().empty());
  ASSERT_FALSE(b.agent_id().empty());
  EXPECT_TRUE(a.active());
  EXPECT_EQ(a.region_id(), "gd");

  v1::ListAgentsRequest list;
  list.set_agent_group_id(group_id);
  list.set_page_size(1);
  v1::ListAgentsResponse page;
  ASSERT_TRUE(dialing_->ListAgents(As("bi", {"integrator"}).get(), list, &page).ok());
  ASSERT_EQ(page.agents_size(), 1);
  EXPECT_EQ(page.agents(0).agent_id(), a.agent_id());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(dialing_->ListAgents(As("bi", {"integrator"}).get(), list, &page).ok());
  ASSERT_EQ(page.agents_size(), 1);
  EXPECT_EQ(page.agents(0).agent_id(), b.agent_id());

  // A and B log in READY.
  v1::AgentSession session_a;
  status = Start("agent-a", a.agent_id(), &session_a);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(session_a.state(), v1::AGENT_STATE_READY);
  EXPECT_EQ(session_a.work_mode(), v1::WORK_MODE_OUTBOUND);
  v1::AgentSession session_b;
  ASSERT_TRUE(Start("agent-b", b.agent_id(), &session_b).ok());

  // A pauses for a meal, then resumes; the pause lasts a measurable time (R26, R28).
  v1::AgentSession now;
  status = SetState("agent-a", session_a.session_id(), v1::AGENT_STATE_PAUSED,
                    v1::PAUSE_REASON_MEAL, "", &now);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(now.state(), v1::AGENT_STATE_PAUSED);
  EXPECT_EQ(now.pause_reason(), v1::PAUSE_REASON_MEAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(SetState("agent-a", session_a.session_id(), v1::AGENT_STATE_READY, {}, "", &now)
                  .ok());
  EXPECT_EQ(now.state(), v1::AGENT_STATE_READY);
  EXPECT_EQ(now.pause_reason(), v1::PAUSE_REASON_UNSPECIFIED);

  // A cannot log in twice, names the open session.
  status = Start("agent-a", a.agent_id(), nullptr);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::ErrorReason(status), "SESSION_ALREADY_OPEN");
  EXPECT_NE(status.error_message().find(session_a.session_id()), std::string::npos)
      << status.error_message();

  // A cannot touch B's session, nor log in as B.
  status = SetState("agent-a", session_b.session_id(), v1::AGENT_STATE_PAUSED,
                    v1::PAUSE_REASON_BREAK);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  v1::EndSessionRequest end_b;
  end_b.set_session_id(session_b.session_id());
  v1::EndSessionResponse ended;
  EXPECT_EQ(desktop_->EndSession(As("agent-a", {"agent"}).get(), end_b, &ended).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Start("agent-a", b.agent_id(), nullptr).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Illegal transitions say why.
  status = SetState("agent-a", session_a.session_id(), v1::AGENT_STATE_READY);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "INVALID_STATE_TRANSITION");
  EXPECT_EQ(status.error_message(), "the session is already READY");
  status = SetState("agent-a", session_a.session_id(), v1::AGENT_STATE_ON_CALL);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status)["state"],
            "READY or PAUSED: the dialer drives the other states");

  // Supervisors see the floor; agents do not read it.
  v1::ListAgentSessionsRequest floor;
  floor.set_agent_group_id(group_id);
  v1::ListAgentSessionsResponse open;
  ASSERT_TRUE(dialing_->ListAgentSessions(As("wang", {"supervisor"}).get(), floor, &open).ok());
  EXPECT_EQ(open.sessions_size(), 2);
  EXPECT_EQ(dialing_->ListAgentSessions(As("agent-a", {"agent"}).get(), floor, &open).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A supervisor forces B out; B's session is over.
  v1::ForceLogoutRequest force;
  force.set_session_id(session_b.session_id());
  force.set_reason("shift over");
  v1::ForceLogoutResponse forced;
  EXPECT_EQ(dialing_->ForceLogout(As("agent-a", {"agent"}).get(), force, &forced).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  status = dialing_->ForceLogout(As("wang", {"supervisor"}).get(), force, &forced);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(forced.session().state(), v1::AGENT_STATE_LOGGED_OUT);
  EXPECT_TRUE(forced.session().has_logout_time());
  status = SetState("agent-b", session_b.session_id(), v1::AGENT_STATE_PAUSED,
                    v1::PAUSE_REASON_BREAK);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "SESSION_ENDED");

  // A logs out.
  v1::EndSessionRequest end_a;
  end_a.set_session_id(session_a.session_id());
  status = desktop_->EndSession(As("agent-a", {"agent"}).get(), end_a, &ended);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(ended.session().state(), v1::AGENT_STATE_LOGGED_OUT);

  // Every change on tm.agents.v1, keyed by agent, in order, timed (R19, R26, R29).
  auto mine = [&](const events::ConsumedEvent& e) {
    return e.key == a.agent_id() || e.key == b.agent_id();
  };
  std::vector<events::ConsumedEvent> seen = topic.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& events) {
        return std::count_if(events.begin(), events.end(), mine) >= 12;
      },
      std::chrono::seconds(30));
  std::map<std::string, std::vector<ev::AgentEvent>> by_agent;
  for (const events::ConsumedEvent& e : seen) {
    if (!mine(e)) continue;
    EXPECT_EQ(e.type, "telemarketing.events.v1.AgentEvent");
    EXPECT_EQ(e.region, "gd");
    ev::AgentEvent event;
    ASSERT_TRUE(event.ParseFromString(e.payload));
    EXPECT_EQ(event.agent_id(), e.key);
    EXPECT_TRUE(event.has_hlc());
    by_agent[e.key].push_back(event);
  }
  auto describe = [](const ev::AgentEvent& e) -> std::string {
    switch (e.change_case()) {
      case ev::AgentEvent::kAgentUpdated: return "updated";
      case ev::AgentEvent::kSessionStarted: return "started";
      case ev::AgentEvent::kSessionEnded: return "ended by " + e.session_ended().cause();
      case ev::AgentEvent::kStateChanged:
        return v1::AgentState_Name(e.state_changed().previous_state()) + "->" +
               v1::AgentState_Name(e.state_changed().state()) + " by " +
               e.state_changed().cause();
      default: return "other";
    }
  };
  std::vector<std::string> a_changes, b_changes;
  for (const ev::AgentEvent& e : by_agent[a.agent_id()]) a_changes.push_back(describe(e));
  for (const ev::AgentEvent& e : by_agent[b.agent_id()]) b_changes.push_back(describe(e));
  EXPECT_EQ(a_changes,
            (std::vector<std::string>{
                "updated", "started", "AGENT_STATE_LOGGED_OUT->AGENT_STATE_READY by agent",
                "AGENT_STATE_READY->AGENT_STATE_PAUSED by agent",
                "AGENT_STATE_PAUSED->AGENT_STATE_READY by agent",
                "AGENT_STATE_READY->AGENT_STATE_LOGGED_OUT by agent", "ended by agent"}));
  EXPECT_EQ(b_changes,
            (std::vector<std::string>{
                "updated", "started", "AGENT_STATE_LOGGED_OUT->AGENT_STATE_READY by agent",
                "AGENT_STATE_READY->AGENT_STATE_LOGGED_OUT by supervisor:wang",
                "ended by supervisor:wang"}));

  // Every transition carries how long the previous state lasted; the meal pause took > 1 s and is
  // reported with its reason.
  const std::vector<ev::AgentEvent>& of_a = by_agent[a.agent_id()];
  for (const ev::AgentEvent& e : of_a) {
    if (e.has_state_changed()) {
      EXPECT_TRUE(e.state_changed().has_previous_state_duration());
    }
    EXPECT_EQ(e.session_id().empty(), e.has_agent_updated());
  }
  ASSERT_EQ(of_a.size(), 7u);
  EXPECT_EQ(of_a[3].state_changed().pause_reason(), v1::PAUSE_REASON_MEAL);
  EXPECT_GE(of_a[4].state_changed().previous_state_duration().seconds(), 1);
  EXPECT_TRUE(of_a[6].session_ended().has_session_duration());
  for (size_t i = 1; i < of_a.size(); ++i) {
    const auto& before = of_a[i - 1].hlc();
    const auto& after = of_a[i].hlc();
    EXPECT_TRUE(std::make_tuple(before.wall_time_millis(), before.logical()) <
                std::make_tuple(after.wall_time_millis(), after.logical()));
  }
}

TEST_F(AgentsEndToEnd, BadInputNamesTheFieldsAndRefusalsSayWhy) {
  // Roster input: malformed ids, levels out of range, unknown enums.
  v1::CreateAgentRequest bad;
  bad.mutable_agent()->set_display_name("bad");
  bad.mutable_agent()->set_employee_number("GZ 9");
  bad.mutable_agent()->set_user_id("agent-bad");
  bad.mutable_agent()->add_agent_group_ids("group-1");
  v1::AgentSkill* skill = bad.mutable_agent()->add_skills();
  skill->set_skill_id("Cantonese");
  skill->set_level(11);
  v1::CreateAgentResponse created;
  grpc::Status status = dialing_->CreateAgent(As("root", {"admin"}).get(), bad, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> fields = testing::FieldViolations(status);
  EXPECT_EQ(fields["agent.employee_number"], "no spaces or control characters");
  EXPECT_EQ(fields["agent.agent_group_ids[0]"], "not an agent group id (a UUID)");
  EXPECT_EQ(fields["agent.skills[0].skill_id"], "1 to 64 of a-z, 0-9 and _");
  EXPECT_EQ(fields["agent.skills[0].level"], "1 (basic) to 10 (expert)");
  EXPECT_EQ(fields["agent.blending_mode"], "INBOUND_ONLY, OUTBOUND_ONLY or BLENDED");

  // Well-formed but unknown references are named too.
  bad.mutable_agent()->set_employee_number("GZ-009");
  bad.mutable_agent()->clear_agent_group_ids();
  bad.mutable_agent()->mutable_skills(0)->set_skill_id("klingon");
  bad.mutable_agent()->mutable_skills(0)->set_level(3);
  bad.mutable_agent()->set_blending_mode(v1::BLENDING_MODE_BLENDED);
  status = dialing_->CreateAgent(As("root", {"admin"}).get(), bad, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status)["agent.skills[0].skill_id"], "no such skill");

  // Agents do not manage the roster.
  bad.mutable_agent()->clear_skills();
  EXPECT_EQ(dialing_->CreateAgent(As("agent-bad", {"agent"}).get(), bad, &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::CreateSkillRequest skill_request;
  skill_request.mutable_skill()->set_skill_id("VIP care");
  v1::CreateSkillResponse skill_response;
  status = dialing_->CreateSkill(As("root", {"admin"}).get(), skill_request, &skill_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  fields = testing::FieldViolations(status);
  EXPECT_EQ(fields["skill.skill_id"], "1 to 64 of a-z, 0-9 and _");
  EXPECT_EQ(fields["skill.display_name"], "required");

  v1::GetAgentRequest get;
  get.set_agent_id("nope");
  v1::GetAgentResponse got;
  status = dialing_->GetAgent(As("root", {"admin"}).get(), get, &got);
  EXPECT_EQ(testing::FieldViolations(status)["agent_id"], "not an agent id (a UUID)");

  // An inactive agent cannot log in.
  created = {};
  status = dialing_->CreateAgent(As("root", {"admin"}).get(), bad, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::UpdateAgentRequest retire;
  retire.mutable_agent()->set_agent_id(created.agent().agent_id());
  retire.mutable_agent()->set_active(false);
  retire.mutable_update_mask()->add_paths("active");
  v1::UpdateAgentResponse retired;
  status = dialing_->UpdateAgent(As("root", {"admin"}).get(), retire, &retired);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(retired.agent().active());
  EXPECT_EQ(retired.agent().revision(), 2);
  status = Start("agent-bad", created.agent().agent_id(), nullptr);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "AGENT_INACTIVE");

  // State changes: OTHER needs a note, MISSED_OFFER is the system's, PAUSED needs a reason.
  const std::string any_session = "01890a5d-ac96-774b-bcce-b302099a8057";
  status = SetState("agent-bad", any_session, v1::AGENT_STATE_PAUSED, v1::PAUSE_REASON_OTHER);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status)["pause_note"], "required with OTHER: say why");
  status = SetState("agent-bad", any_session, v1::AGENT_STATE_PAUSED,
                    v1::PAUSE_REASON_MISSED_OFFER);
  EXPECT_EQ(testing::FieldViolations(status)["pause_reason"],
            "MISSED_OFFER is set by the system when an offered call is missed");
  status = SetState("agent-bad", any_session, v1::AGENT_STATE_PAUSED);
  EXPECT_EQ(testing::FieldViolations(status)["pause_reason"],
            "required with PAUSED (R26: pause time is reported by reason)");
  status = SetState("agent-bad", any_session, v1::AGENT_STATE_READY);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tmk
