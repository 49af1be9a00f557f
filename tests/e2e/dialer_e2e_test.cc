// The dialer through the running suite (issue 5; R9, R13, R17, R19, R20, R31), as a supervisor, an
// agent and an integrator see it: customers in a contacts list, a follow-up campaign with an
// approved script, a disposition set and a product made ACTIVE in campaigns, its leads loaded into
// dialing, an agent READY on it, and dialing started in the real-time simulator (fast profile).
// The agent's desktop stream offers a call with the customer (masked) and the rendered script;
// when the call ends the agent wraps up with an order, and an integrator reads the call's whole
// life on tm.calls.v1 and the order on tm.orders.v1. Bad input on the way: a code outside the
// set, an order missing, someone else's session, a second wrap-up, dialing an unknown campaign.
#include <gtest/gtest.h>

#include <chrono>

#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"
#include "tests/support/call_life.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/dialing_suite.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
namespace ev = telemarketing::events::v1;

// The suite runs in a region of its own: dialing's consumer groups are named after the region, so
// no other test's server shares their partitions.
class DialerEndToEnd : public testing::JwtSuiteTest<DialerEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kRegion[] = "dial";

  static void SetUpTestSuite() { suite_ = testing::StartDialingSuite(kRegion); }

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
    floor_ = std::make_unique<testing::DialingFloorBuilder>(
        suite_->channel(),
        [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); });
  }

  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
  std::unique_ptr<testing::DialingFloorBuilder> floor_;
};

TEST_F(DialerEndToEnd, OfferedCallWrappedUpWithAnOrderReachesIntegrators) {
  testing::TopicReader calls_topic(testing::KafkaBrokers(), "tm.calls.v1");
  testing::TopicReader orders_topic(testing::KafkaBrokers(), "tm.orders.v1");
  // Eight customers: enough that one answers even when the simulator sends the first ones to busy,
  // no answer or a machine.
  const std::string list_id = floor_->BuildList(8);
  const std::string campaign_id = floor_->ActiveCampaign(list_id);
  ASSERT_FALSE(campaign_id.empty());

  ASSERT_EQ(floor_->LoadLeads(campaign_id), 8);

  // The agent: on the roster, logged in on the campaign, watching the desktop.
  const std::string user = testing::UniqueName("agent");
  const std::string agent_id = floor_->CreateAgent(user);
  ASSERT_FALSE(agent_id.empty());
  const std::string session_id = floor_->LogIn(user, agent_id, campaign_id);
  ASSERT_FALSE(session_id.empty());

  auto stream_context = As(user, {"agent"});
  stream_context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(240));
  v1::StreamDesktopRequest watch;
  watch.set_session_id(session_id);
  auto feed = desktop_->StreamDesktop(stream_context.get(), watch);
  v1::StreamDesktopResponse message;
  ASSERT_TRUE(feed->Read(&message));
  ASSERT_TRUE(message.has_snapshot()) << message.DebugString();
  EXPECT_EQ(message.snapshot().session().state(), v1::AGENT_STATE_READY);

  // Someone else cannot watch it; an unknown campaign cannot be dialed.
  {
    auto other = As("mallory", {"agent"});
    auto refused = desktop_->StreamDesktop(other.get(), watch);
    v1::StreamDesktopResponse none;
    EXPECT_FALSE(refused->Read(&none));
    EXPECT_EQ(refused->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  v1::StartDialingRequest start;
  start.set_campaign_id("00000000-0000-7000-8000-000000000000");
  v1::StartDialingResponse started;
  EXPECT_EQ(dialing_->StartDialing(As("alice").get(), start, &started).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Progressive dialing in the fast simulator: one call per ready agent.
  start.set_campaign_id(campaign_id);
  start.set_request_id(testing::UniqueName("start"));
  grpc::Status status = testing::DialingFloorBuilder::Eventually(
      [&] { return dialing_->StartDialing(As("alice").get(), start, &started); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(started.campaign_runtime().dialing_state(), v1::DIALING_STATE_RUNNING);
  EXPECT_EQ(started.campaign_runtime().dial_mode(), common::DIAL_MODE_PROGRESSIVE);

  // The offer, then the connect and the end of that call.
  v1::CallOffer offer;
  std::string ended_call;
  while (ended_call.empty() && feed->Read(&message)) {
    if (message.has_call_offered()) offer = message.call_offered();
    if (message.has_call_ended()) ended_call = message.call_ended().call_id();
  }
  if (ended_call.empty()) {
    v1::GetHopperStatusRequest hopper;
    hopper.set_campaign_id(campaign_id);
    v1::GetHopperStatusResponse seen;
    (void)dialing_->GetHopperStatus(As("alice").get(), hopper, &seen);
    v1::ListCallsRequest list;
    list.set_campaign_id(campaign_id);
    v1::ListCallsResponse calls;
    (void)dialing_->ListCalls(As("alice").get(), list, &calls);
    FAIL() << "no call offered and ended within the deadline; hopper: " << seen.DebugString()
           << " calls: " << calls.DebugString() << " last message: " << message.DebugString();
  }
  const std::string call_id = offer.call().call_id();
  EXPECT_EQ(ended_call, call_id);
  EXPECT_EQ(offer.call().campaign_id(), campaign_id);
  EXPECT_EQ(offer.customer().display_name().substr(0, 3), "陈") << offer.customer().DebugString();
  EXPECT_NE(offer.customer().masked_phone().find('*'), std::string::npos)
      << "agents see the number masked (R6): " << offer.customer().masked_phone();
  EXPECT_EQ(offer.script().start_node_id(), "hello");
  EXPECT_NE(offer.script().steps(0).text().find("陈静"), std::string::npos)
      << "the script is filled with the customer's name (R9)";
  EXPECT_EQ(offer.dispositions_size(), 2);

  // Wrap-up: bad input first, each with its status; nothing of it is applied.
  v1::SubmitDispositionRequest wrap;
  wrap.set_session_id(session_id);
  wrap.set_call_id(call_id);
  wrap.set_disposition_code("MAYBE");
  wrap.set_request_id(testing::UniqueName("wrap"));
  v1::SubmitDispositionResponse wrapped;
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("disposition_code"), 1u);
  wrap.set_disposition_code("ORDER");
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("order"), 1u) << status.error_message();
  status = desktop_->SubmitDisposition(As("mallory", {"agent"}).get(), wrap, &wrapped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  *wrap.mutable_order() = testing::DialingFloorBuilder::Order(1);
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(wrapped.call().state(), v1::CALL_STATE_DISPOSITIONED);
  EXPECT_EQ(wrapped.lead().state(), v1::LEAD_STATE_ORDERED);
  EXPECT_EQ(wrapped.order().total().units(), 99);
  EXPECT_FALSE(wrapped.order().after_sale_callback_id().empty()) << "R13 after-sale check call";
  EXPECT_EQ(wrapped.session().state(), v1::AGENT_STATE_READY);
  // The same request again answers the same; another one is refused as a second wrap-up.
  v1::SubmitDispositionResponse replayed;
  ASSERT_TRUE(desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &replayed).ok());
  EXPECT_EQ(replayed.order().order_id(), wrapped.order().order_id());
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &replayed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "ALREADY_DISPOSITIONED");

  v1::StopDialingRequest stop;
  stop.set_campaign_id(campaign_id);
  v1::StopDialingResponse stopped;
  ASSERT_TRUE(dialing_->StopDialing(As("alice").get(), stop, &stopped).ok());
  stream_context->TryCancel();

  // The integrator's view: the call's whole life in order, and the order for fulfilment.
  std::vector<std::string> life;
  for (const ev::CallEvent& call :
       testing::ReadCallLife(calls_topic, call_id, std::chrono::seconds(30))) {
    EXPECT_EQ(call.sequence(), static_cast<int64_t>(life.size() + 1));
    life.push_back(testing::StepName(call));
  }
  EXPECT_EQ(life, (std::vector<std::string>{"created", "ringing", "answered", "agent_connected",
                                            "ended", "dispositioned"}));
  auto orders = orders_topic.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& read) {
        for (const auto& e : read) {
          if (e.key == wrapped.order().order_id()) return true;
        }
        return false;
      },
      std::chrono::seconds(30));
  bool captured = false;
  for (const auto& e : orders) {
    ev::OrderCaptured o;
    if (e.key == wrapped.order().order_id() && o.ParseFromString(e.payload)) {
      captured = true;
      EXPECT_EQ(o.order().items(0).sku(), "BB-300M");
      EXPECT_EQ(o.order().call_id(), call_id);
    }
  }
  EXPECT_TRUE(captured) << "OrderCaptured on tm.orders.v1";
}

}  // namespace
}  // namespace tmk
