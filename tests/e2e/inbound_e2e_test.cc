// Inbound calls through the running suite (issue 5; R18, R19, R26), as a supervisor, an agent and
// an integrator see them: callers dial the center's number in the fast real-time simulator
// (--dialing-inbound-arrivals), a supervisor sets up the queue (bad input refused field by field),
// an inbound-only agent's desktop stream is offered a caller, who is connected; the agent wraps a
// service call up with a service outcome, and on a later call opens a cross-sell offer of the
// queue's ACTIVE campaign — the caller's lead in it, the campaign's script on the stream — and
// wraps that call up with the campaign's order code. Callers are recognised by contacts
// (LookupCustomersByPhone with dialing's own credential) under the region's default sharing
// policy, which masks numbers. The integrator reads CallQueued, AgentConnected and CallEnded on
// tm.calls.v1, the sold call's naming its customer (R4); GetQueueStatus shows the day's figures.
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <functional>
#include <map>
#include <set>

#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "tests/support/call_life.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/dialing_suite.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using google::protobuf::util::TimeUtil;

constexpr char kNumber[] = "+862088880001";

// The suite runs in a region of its own, so its dialing consumer groups are new and no other
// test's server (of another region) shares their partitions.
class InboundEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    region_ = new std::string("inb-" + testing::UniqueName("r").substr(2));
    // A caller every 3 s on average; the fast profile's callers wait 20 s on average. Dialing
    // looks callers up in contacts as itself (role system, StartDialingSuite's default); the
    // simulator draws its callers' numbers from contacts with a credential that sees them
    // (integrator).
    suite_ = testing::StartDialingSuite(
        *region_, {std::string("--dialing-inbound-arrivals=") + kNumber + ":1200",
                   "--dialing-simulator-token=" + Jwt("simulator", "integrator")});
  }
  static void TearDownTestSuite() {
    delete suite_;
    delete region_;
  }

  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << testing::Tail(suite_->log_path());
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
    floor_ = std::make_unique<testing::DialingFloorBuilder>(
        suite_->channel(),
        [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); });
  }

  // The JWT alone (a server flag's value) for `who` with `role` in the suite's region, valid as
  // long as the server that holds it may run.
  static std::string Jwt(const std::string& who, const std::string& role) {
    const std::string bearer =
        testing::BearerToken(who, {role}, {*region_}, std::chrono::hours(12));
    return bearer.substr(std::string("Bearer ").size());
  }

  // A call as `who` with `roles` in the suite's region.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", testing::BearerToken(who, std::move(roles), {*region_}));
    return context;
  }

  std::string CreateGroup() {
    v1::CreateAgentGroupRequest request;
    request.mutable_agent_group()->set_display_name("宽带 CSR 广州");
    request.mutable_agent_group()->set_kind(v1::AGENT_GROUP_KIND_CSR);
    request.mutable_agent_group()->set_center_id("gz");
    request.set_request_id(testing::UniqueName("group"));
    v1::CreateAgentGroupResponse group;
    grpc::Status status = dialing_->CreateAgentGroup(As("wang", {"supervisor"}).get(), request,
                                                     &group);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return group.agent_group().agent_group_id();
  }

  std::string CreateInboundAgent(const std::string& user, const std::string& group_id) {
    v1::CreateAgentRequest request;
    request.mutable_agent()->set_display_name("agent " + user);
    request.mutable_agent()->set_employee_number(testing::UniqueName("E"));
    request.mutable_agent()->set_user_id(user);
    request.mutable_agent()->set_blending_mode(v1::BLENDING_MODE_INBOUND_ONLY);
    request.mutable_agent()->add_agent_group_ids(group_id);
    request.set_request_id(testing::UniqueName("req"));
    v1::CreateAgentResponse agent;
    grpc::Status status = dialing_->CreateAgent(As("root", {"admin"}).get(), request, &agent);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return agent.agent().agent_id();
  }

  // The next inbound call offered on `feed` and connected, with the offer as last pushed. The
  // stream builds offers on its executor, so a connect may arrive before its call's offer.
  bool NextConnectedCall(grpc::ClientReader<v1::StreamDesktopResponse>& feed,
                         v1::CallOffer& offer) {
    return ReadFeed(feed, [&] {
      for (const auto& [call_id, last] : offers_) {
        if (connected_.count(call_id) && !taken_.count(call_id)) {
          offer = last;
          taken_.insert(call_id);
          return true;
        }
      }
      return false;
    });
  }

  // Reads `feed` until the call ends; `offer` is its offer as last pushed.
  bool UntilEnded(grpc::ClientReader<v1::StreamDesktopResponse>& feed, const std::string& call_id,
                  v1::CallOffer& offer) {
    const bool ended = ReadFeed(feed, [&] { return ended_.count(call_id) > 0; });
    offer = offers_[call_id];
    return ended;
  }

  bool ReadFeed(grpc::ClientReader<v1::StreamDesktopResponse>& feed,
                const std::function<bool()>& done) {
    v1::StreamDesktopResponse message;
    while (!done()) {
      if (!feed.Read(&message)) return false;
      // A call reserved before the stream opened comes in the snapshot.
      if (message.has_snapshot() && message.snapshot().has_current_offer()) {
        const v1::CallOffer& current = message.snapshot().current_offer();
        offers_[current.call().call_id()] = current;
      }
      if (message.has_call_offered()) {
        offers_[message.call_offered().call().call_id()] = message.call_offered();
      }
      if (message.has_call_connected()) connected_.insert(message.call_connected().call_id());
      if (message.has_call_ended()) ended_.insert(message.call_ended().call_id());
    }
    return true;
  }

  static inline std::string* region_ = nullptr;
  static inline testing::SuiteProcess* suite_ = nullptr;
  std::map<std::string, v1::CallOffer> offers_;
  std::set<std::string> connected_, ended_, taken_;
  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
  std::unique_ptr<testing::DialingFloorBuilder> floor_;
};

TEST_F(InboundEndToEnd, QueuedCallerServedWrappedUpAndCrossSoldReachIntegrators) {
  testing::TopicReader calls_topic(testing::KafkaBrokers(), "tm.calls.v1");
  testing::TopicReader sold_topic(testing::KafkaBrokers(), "tm.calls.v1");
  // Known customers to call in (the simulator draws callers from contacts' customers) and the
  // ACTIVE campaign the queue cross-sells. The region's sharing policy stays the default.
  const std::string list_id = floor_->BuildList(6);
  const std::string campaign_id = floor_->ActiveCampaign(list_id);
  ASSERT_FALSE(campaign_id.empty());
  const std::string group_id = CreateGroup();

  // Bad input: every bad field named at once, nothing created.
  v1::CreateInboundQueueRequest bad;
  v1::InboundQueue* q = bad.mutable_inbound_queue();
  q->add_dialed_numbers("10086");
  *q->mutable_service_level_threshold() = TimeUtil::SecondsToDuration(20);
  q->set_service_level_target(1.5);
  *q->mutable_max_wait() = TimeUtil::SecondsToDuration(10);
  q->add_cross_sell_campaign_ids("not-a-campaign");
  bad.set_request_id(testing::UniqueName("queue"));
  v1::CreateInboundQueueResponse created;
  grpc::Status status = dialing_->CreateInboundQueue(As("wang", {"supervisor"}).get(), bad,
                                                     &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  const auto fields = testing::FieldViolations(status);
  for (const char* field :
       {"inbound_queue.display_name", "inbound_queue.dialed_numbers[0]",
        "inbound_queue.agent_group_ids", "inbound_queue.service_level_target",
        "inbound_queue.max_wait", "inbound_queue.cross_sell_campaign_ids[0]"}) {
    EXPECT_EQ(fields.count(field), 1u) << field << " in " << status.error_message();
  }
  EXPECT_EQ(dialing_->CreateInboundQueue(As("agent-x", {"agent"}).get(), bad, &created)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::CreateInboundQueueRequest good;
  q = good.mutable_inbound_queue();
  q->set_display_name("宽带服务");
  q->add_dialed_numbers(kNumber);
  q->add_agent_group_ids(group_id);
  q->set_priority(5);
  *q->mutable_service_level_threshold() = TimeUtil::SecondsToDuration(20);
  q->set_service_level_target(0.8);
  *q->mutable_max_wait() = TimeUtil::SecondsToDuration(120);
  q->add_cross_sell_campaign_ids(campaign_id);
  good.set_request_id(testing::UniqueName("queue"));
  status = testing::DialingFloorBuilder::Eventually([&] {
    return dialing_->CreateInboundQueue(As("wang", {"supervisor"}).get(), good, &created);
  });
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string queue_id = created.inbound_queue().queue_id();

  // Read back; an update names only editable fields, a second queue may not take the number.
  v1::GetInboundQueueRequest get;
  get.set_queue_id(queue_id);
  v1::GetInboundQueueResponse got;
  status = dialing_->GetInboundQueue(As("wang", {"supervisor"}).get(), get, &got);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.inbound_queue().dialed_numbers(0), kNumber);
  v1::UpdateInboundQueueRequest update;
  update.mutable_inbound_queue()->set_queue_id(queue_id);
  update.mutable_update_mask()->add_paths("queue_id");
  update.set_request_id(testing::UniqueName("update"));
  v1::UpdateInboundQueueResponse updated;
  status = dialing_->UpdateInboundQueue(As("wang", {"supervisor"}).get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("update_mask.paths[0]"), 1u)
      << status.error_message();
  v1::CreateInboundQueueRequest twin = good;
  twin.set_request_id(testing::UniqueName("queue"));
  twin.mutable_inbound_queue()->set_display_name("宽带服务 2");
  status = dialing_->CreateInboundQueue(As("wang", {"supervisor"}).get(), twin, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(testing::ErrorReason(status), "DIALED_NUMBER_TAKEN") << "a number reaches one queue";

  // The agent: inbound only, logged in on the queue, watching the desktop.
  const std::string user = testing::UniqueName("csr");
  const std::string agent_id = CreateInboundAgent(user, group_id);
  ASSERT_FALSE(agent_id.empty());
  v1::StartSessionRequest login;
  login.set_agent_id(agent_id);
  login.set_station_id("sip:" + user + "@pbx.gd");
  login.add_queue_ids(queue_id);
  v1::StartSessionResponse session;
  status = desktop_->StartSession(As(user, {"agent"}).get(), login, &session);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string session_id = session.session().session_id();
  auto stream_context = As(user, {"agent"});
  stream_context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(240));
  v1::StreamDesktopRequest watch;
  watch.set_session_id(session_id);
  auto feed = desktop_->StreamDesktop(stream_context.get(), watch);

  // A service call: offered with the service outcomes, connected, ended, wrapped up.
  v1::CallOffer offer;
  ASSERT_TRUE(NextConnectedCall(*feed, offer)) << "no inbound call connected";
  const std::string service_call = offer.call().call_id();
  EXPECT_EQ(offer.call().direction(), telemarketing::common::v1::CALL_DIRECTION_INBOUND);
  EXPECT_EQ(offer.call().queue_id(), queue_id);
  std::set<std::string> codes;
  for (const v1::DispositionChoice& d : offer.dispositions()) codes.insert(d.code());
  EXPECT_EQ(codes.count("SERVICE_RESOLVED"), 1u) << offer.DebugString();
  ASSERT_TRUE(UntilEnded(*feed, service_call, offer));
  v1::SubmitDispositionRequest wrap;
  wrap.set_session_id(session_id);
  wrap.set_call_id(service_call);
  wrap.set_disposition_code("ORDER");  // the campaign's code: no campaign on this call
  *wrap.mutable_order() = testing::DialingFloorBuilder::Order(1);
  wrap.set_request_id(testing::UniqueName("wrap"));
  v1::SubmitDispositionResponse wrapped;
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto wrong = testing::FieldViolations(status);
  EXPECT_EQ(wrong.size(), 2u) << status.error_message();
  EXPECT_EQ(wrong.count("disposition_code") + wrong.count("order"), 2u) << status.error_message();
  wrap.clear_order();
  wrap.set_disposition_code("SERVICE_RESOLVED");
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(wrapped.call().state(), v1::CALL_STATE_DISPOSITIONED);
  EXPECT_EQ(wrapped.call().outcome(), telemarketing::common::v1::CALL_OUTCOME_REACHED);
  EXPECT_EQ(wrapped.session().state(), v1::AGENT_STATE_READY) << "back to the queue";

  // A caller the campaign may be offered to: the agent opens the cross-sell while connected.
  std::string sold_call;
  v1::OpenCrossSellResponse opened;
  for (int calls = 0; calls < 20 && sold_call.empty(); ++calls) {
    ASSERT_TRUE(NextConnectedCall(*feed, offer)) << "no further inbound call connected";
    const std::string call_id = offer.call().call_id();
    // Contacts answers who is calling while the call is offered: the agent is offered the call
    // again with the customer (R18), unless the caller is unknown or hangs up first.
    ASSERT_TRUE(ReadFeed(*feed, [&] {
      return ended_.count(call_id) > 0 || !offers_[call_id].customer().customer_id().empty();
    }));
    offer = offers_[call_id];
    v1::OpenCrossSellRequest open;
    open.set_session_id(session_id);
    open.set_call_id(call_id);
    open.set_campaign_id(campaign_id);
    open.set_request_id(testing::UniqueName("xsell"));
    if (!offer.cross_sell_offers().empty()) {
      EXPECT_EQ(offer.cross_sell_offers(0).campaign_id(), campaign_id);
      status = desktop_->OpenCrossSell(As("mallory", {"agent"}).get(), open, &opened);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
      v1::OpenCrossSellRequest unlisted = open;
      unlisted.set_campaign_id("00000000-0000-7000-8000-000000000000");
      // The caller may hang up any time: judged only on the call the agent goes on to sell on.
      const grpc::Status refused =
          desktop_->OpenCrossSell(As(user, {"agent"}).get(), unlisted, &opened);
      status = desktop_->OpenCrossSell(As(user, {"agent"}).get(), open, &opened);
      if (status.ok()) {
        sold_call = call_id;
        EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        EXPECT_EQ(testing::FieldViolations(refused).count("campaign_id"), 1u)
            << refused.error_message();
      }
    }
    if (sold_call.empty()) {  // an unknown caller, or the call ended first: a service call
      ASSERT_TRUE(UntilEnded(*feed, call_id, offer));
      wrap.set_call_id(call_id);
      wrap.set_request_id(testing::UniqueName("wrap"));
      status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
  }
  ASSERT_FALSE(sold_call.empty()) << "no caller could be offered the campaign";
  EXPECT_EQ(offer.customer().customer_id(), opened.lead().customer_id())
      << "the caller as contacts knows them";
  EXPECT_EQ(offer.call().customer_id(), opened.lead().customer_id());
  EXPECT_FALSE(offer.call().contact_point_id().empty()) << "the phone the customer called from";
  EXPECT_EQ(opened.lead().campaign_id(), campaign_id);
  EXPECT_EQ(opened.lead().state(), v1::LEAD_STATE_IN_PROGRESS);
  EXPECT_EQ(opened.script().start_node_id(), "hello") << "the campaign's script (R9)";
  ASSERT_TRUE(UntilEnded(*feed, sold_call, offer));
  EXPECT_EQ(offer.call().campaign_id(), campaign_id) << "the stream re-offered the call";
  EXPECT_EQ(offer.script().start_node_id(), "hello");
  EXPECT_EQ(offer.dispositions_size(), 2) << "the campaign's codes now";
  wrap.set_call_id(sold_call);
  wrap.set_disposition_code("ORDER");
  *wrap.mutable_order() = testing::DialingFloorBuilder::Order(2);
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(wrapped.lead().state(), v1::LEAD_STATE_ORDERED);
  EXPECT_EQ(wrapped.order().campaign_id(), campaign_id);
  EXPECT_EQ(wrapped.order().call_id(), sold_call);
  stream_context->TryCancel();

  // The integrator's view of the service call.
  std::vector<std::string> life;
  for (const ev::CallEvent& call :
       testing::ReadCallLife(calls_topic, service_call, std::chrono::seconds(30))) {
    EXPECT_EQ(call.queue_id(), queue_id);
    if (call.has_queued()) {
      EXPECT_EQ(call.queued().priority(), 5);
    }
    if (call.has_agent_connected()) {
      EXPECT_EQ(call.agent_connected().agent_id(), agent_id);
    }
    life.push_back(testing::StepName(call));
  }
  EXPECT_EQ(life, (std::vector<std::string>{"created", "queued", "agent_connected", "ended",
                                            "dispositioned"}));
  // The sold call's end names its customer: reporting's timeline (R4) and integrators see who
  // called, though CallCreated went out before contacts answered.
  bool ended_with_customer = false;
  for (const ev::CallEvent& call :
       testing::ReadCallLife(sold_topic, sold_call, std::chrono::seconds(30))) {
    if (call.has_ended() || call.has_dispositioned()) {
      EXPECT_EQ(call.customer_id(), opened.lead().customer_id()) << testing::StepName(call);
      ended_with_customer = ended_with_customer || call.has_ended();
    }
  }
  EXPECT_TRUE(ended_with_customer) << "CallEnded of the sold call read";

  // The queue's day: at least the calls this agent took, answered; callers who gave up counted.
  v1::GetQueueStatusRequest ask;
  ask.set_queue_id(queue_id);
  v1::GetQueueStatusResponse queue_status;
  status = dialing_->GetQueueStatus(As("wang", {"supervisor"}).get(), ask, &queue_status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::QueueStatus& s = queue_status.queue_status();
  EXPECT_GE(s.calls_answered_today(), static_cast<int64_t>(taken_.size()))
      << "every call this agent took was answered";
  EXPECT_GE(s.calls_offered_today(), s.calls_answered_today() + s.calls_abandoned_today());
  EXPECT_GE(s.service_level_today(), 0);
  EXPECT_LE(s.service_level_today(), 1);
  ask.set_queue_id("not-a-queue");
  EXPECT_EQ(dialing_->GetQueueStatus(As("wang", {"supervisor"}).get(), ask, &queue_status)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tmk
