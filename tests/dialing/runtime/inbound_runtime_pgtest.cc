// Inbound and blending on a real PostgreSQL in virtual time (R18, R19, R26): one inbound queue
// (service level 80 % in 20 s) and a predictive outbound campaign share twelve blended agents for
// a simulated hour, with callers arriving at 60 an hour and simulated agents wrapping up every
// call. Then every call is checked from what was stored and published: each inbound call has one
// CallEnded and was either connected or abandoned, never both; connected ones are wrapped up with
// a service outcome; the queue meets its service level near its target; outbound dialing still
// uses the agents between inbound calls; no agent ever held two calls at once.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "services/common/grpc/proto_conversions.h"
#include "services/dialing/domain/queue_day_figures.h"
#include "services/dialing/runtime/inbound_router.h"
#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/inbound_queue_store.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"
#include "tests/dialing/runtime/service_queue.h"
#include "tests/dialing/runtime/virtual_caller_directory.h"

namespace tmk::dialing {
namespace {

using testing::VirtualCallerDirectory;

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::hours;
using std::chrono::minutes;

constexpr char kNumber[] = "+8610086";
constexpr double kThresholdSeconds = 20;  // the ServiceQueue's

class InboundRuntimeTest : public testing::DialerFloorTest {
 protected:
  // A group whose blended agents go to the queue when one call waits or one waits 10 s, keep at
  // least two there, and return to outbound after a minute with nobody waiting; its queue.
  void CreateQueue() {
    v1::AgentGroup group;
    group.set_agent_group_id(group_id_);
    group.set_display_name("blended");
    v1::BlendingPolicy* policy = group.mutable_blending_policy();
    policy->set_move_to_inbound_waiting_calls(1);
    *policy->mutable_move_to_inbound_wait() = TimeUtil::SecondsToDuration(10);
    *policy->mutable_return_to_outbound_after() = TimeUtil::SecondsToDuration(60);
    policy->set_min_inbound_agents(2);
    group.set_revision(1);
    v1::InboundQueue queue = testing::ServiceQueue(queue_id_, group_id_, kNumber, minutes(5));
    queue.set_priority(5);
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  AgentGroupStore().Insert(tx, group);
                  InboundQueueStore().Insert(tx, queue);
                }).ok());
  }

  // `agents` blended agents of the group, READY on the campaign (their queues: the group's).
  void LogInBlended(int agents) {
    for (int i = 0; i < agents; ++i) {
      v1::Agent agent = NewAgent(absl::StrCat("B", i), {group_id_});
      ASSERT_TRUE(Run([&](pqxx::work& tx) {
                    AgentStore().Insert(tx, agent);
                    AgentSessions::Login login;
                    login.station_id = absl::StrCat("ext-", i);
                    login.campaign_ids = {testing::kCampaignId};
                    ASSERT_TRUE(sessions_.Start(tx, agent, login).ok());
                  }).ok());
    }
  }

  // The dialer with the router and callers arriving at `per_hour` (patience: 90 s on average).
  void StartBlendedFloor(double per_hour) {
    SimulationProfile profile;
    InboundStream callers;
    callers.dialed_number = kNumber;
    callers.calls_per_hour = per_hour;
    profile.inbound = {callers};
    StartDialer(profile);
    router_ = std::make_unique<InboundRouter>(*pool_, scheduler_, *telephony_, sessions_, ledger_,
                                              projection_, callers_);
    runtime_->SetInbound(router_.get());
    ASSERT_TRUE(router_->Reload().ok());
    telephony_->StartArrivals();
  }

  std::vector<v1::Call> AllCalls() {
    std::vector<v1::Call> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row : tx.exec("SELECT record FROM calls")) {
                    out.emplace_back().ParseFromString(pqxx::binarystring(row[0]).str());
                  }
                }).ok());
    return out;
  }

  std::string group_id_ = NewId();
  std::string queue_id_ = NewId();
  VirtualCallerDirectory callers_{scheduler_};  // knows nobody: every caller a service call
  std::unique_ptr<InboundRouter> router_;
};

TEST_F(InboundRuntimeTest, BlendedHourServesTheQueueAndKeepsOutboundGoing) {
  CreateQueue();
  LoadLeads(3000);
  LogInBlended(12);
  Running(common::DIAL_MODE_PREDICTIVE);
  StartBlendedFloor(60);
  StartAgents();
  const TimePoint end = testing::FloorStart() + hours(1);
  scheduler_.RunUntil(end);
  runtime_->Stop();
  scheduler_.RunUntil(end + minutes(30));  // calls of the hour end and are wrapped up

  const auto events = Events();
  std::vector<QueuedCallOutcome> waits;
  int inbound = 0, outbound_connected = 0;
  std::map<std::string, std::set<common::CallDirection>> directions_by_agent;
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> held;  // agent -> spans
  std::map<std::string, TimePoint> created_at;
  for (const v1::Call& c : AllCalls()) {
    SCOPED_TRACE(c.call_id());
    created_at[c.call_id()] = grpcx::FromProtoTime(c.create_time());
    if (c.has_agent_connect_time()) {
      directions_by_agent[c.agent_id()].insert(c.direction());
      held[c.agent_id()].push_back({TimeUtil::TimestampToMicroseconds(c.agent_connect_time()),
                                    TimeUtil::TimestampToMicroseconds(c.end_time())});
    }
    if (c.direction() != common::CALL_DIRECTION_INBOUND) {
      outbound_connected += c.has_agent_connect_time();
      continue;
    }
    if (grpcx::FromProtoTime(c.create_time()) >= end) continue;  // judged by the next hour
    ++inbound;
    int created = 0, queued = 0, connected = 0, abandoned = 0, ended = 0, dispositioned = 0;
    for (const ev::CallEvent& e : events.at(c.call_id())) {
      EXPECT_EQ(e.queue_id(), queue_id_) << "every step names the queue, CallCreated too";
      created += e.has_created();
      queued += e.has_queued();
      connected += e.has_agent_connected();
      abandoned += e.has_abandoned();
      ended += e.has_ended();
      dispositioned += e.has_dispositioned();
    }
    EXPECT_EQ(created, 1);
    EXPECT_EQ(queued, 1) << "no overflow queue: queued once";
    EXPECT_EQ(ended, 1) << "exactly one end";
    EXPECT_EQ(connected + abandoned, 1) << "connected or abandoned, never both";
    EXPECT_EQ(dispositioned, connected) << "a connected call is wrapped up once";
    QueuedCallOutcome outcome;
    outcome.abandoned = abandoned == 1;
    if (connected == 1) {
      EXPECT_EQ(c.state(), v1::CALL_STATE_DISPOSITIONED);
      EXPECT_EQ(c.disposition_code(), "SERVICE_RESOLVED");
      outcome.answered_after_seconds = TimeUtil::DurationToMilliseconds(c.wait_duration()) / 1e3;
    } else {
      EXPECT_EQ(c.state(), v1::CALL_STATE_ENDED);
      EXPECT_EQ(c.abandon_reason(), v1::ABANDON_REASON_CALLER_HUNG_UP_IN_QUEUE);
    }
    waits.push_back(outcome);
  }
  // Blending sizes the queue's share on what an inbound call takes from an agent: talk and
  // wrap-up, each call once, as the agents wrapped up (R18).
  std::vector<std::pair<TimePoint, double>> handles;
  for (const v1::Call& c : AllCalls()) {
    if (c.direction() != common::CALL_DIRECTION_INBOUND || !c.has_disposition_time()) continue;
    const TimePoint done = grpcx::FromProtoTime(c.disposition_time());
    handles.push_back(
        {done, std::chrono::duration<double>(done - grpcx::FromProtoTime(c.agent_connect_time()))
                   .count()});
  }
  std::sort(handles.begin(), handles.end());
  double smoothed = 180;
  for (const auto& [done, seconds] : handles) smoothed = 0.9 * smoothed + 0.1 * seconds;
  EXPECT_NEAR(router_->mean_handle_seconds(), smoothed, 1e-6);
  const QueueDayFigures figures = SummarizeQueueDay(waits, kThresholdSeconds);
  int both = 0;
  for (const auto& [agent, directions] : directions_by_agent) both += directions.size() == 2;
  std::printf("blended hour: %d inbound calls, %lld answered, %lld abandoned, service level %.3f,"
              " ASA %.1f s; %d outbound calls connected; %d of 12 agents took both\n",
              inbound, figures.answered, figures.abandoned, figures.service_level,
              figures.average_speed_of_answer_seconds, outbound_connected, both);

  ASSERT_GT(inbound, 35) << "too few callers to judge";
  EXPECT_GE(figures.service_level, 0.7) << "R18/R26: the queue comes first";
  EXPECT_GT(outbound_connected, 50) << "R18: outbound uses the agents the queue leaves";
  EXPECT_GE(both, 6) << "blended agents moved between the queue and outbound";
  for (auto& [agent, spans] : held) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_GE(spans[i].first, spans[i - 1].second) << "agent " << agent << " double-booked";
    }
  }
  // Callers keep arriving after the hour: only their calls may still hold an agent.
  std::vector<v1::AgentSession> holding;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                AgentSessionStore::Filter f;
                f.states = {3, 4, 5};  // RESERVED, ON_CALL, WRAP_UP
                holding = AgentSessionStore().List(tx, f, "", 100);
              }).ok());
  for (const v1::AgentSession& s : holding) {
    EXPECT_GE(created_at[s.current_call_id()], end) << "an agent left holding an hour's call";
  }
}

}  // namespace
}  // namespace tmk::dialing
