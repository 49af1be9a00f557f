// The agent's desktop dialing through the running suite (issue 5; R13, R17, R19, R20, R31), as
// agents and an integrator see it in the real-time simulator (fast profile):
//  - preview mode: the desktop stream shows a preview, SkipPreview brings the next one,
//    PreviewDial places the call with the agent reserved, HangUpCall ends it, the wrap-up
//    captures an order and CancelOrder cancels it once (OrderStateChanged on tm.orders.v1);
//  - manual mode: ManualDial of a customer of the agent's campaign, idempotent by request_id,
//    refused outside the customer's calling window with the gate's reason, and TransferCall of
//    the connected call to a second agent, read back as CallTransferred on tm.calls.v1;
//  - bad input and other agents' sessions refused with field details and reasons.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"
#include "tests/support/call_life.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/dialing_suite.h"
#include "tests/support/rpc_error.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
namespace contacts = telemarketing::contacts::v1;
namespace ev = telemarketing::events::v1;
using testing::DialingFloorBuilder;

// How many calls a test places at most before one is answered by a person (half are, fast).
constexpr int kMaxDials = 8;

// The suite runs in a region of its own: dialing's consumer groups are named after the region, so
// no other test's server shares their partitions.
class DesktopEndToEnd : public ::testing::Test {
 public:
  static constexpr char kRegion[] = "desk";

  static void SetUpTestSuite() { suite_ = testing::StartDialingSuite(kRegion); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

 protected:
  // An agent logged in on one campaign, watching their desktop.
  struct Desk {
    std::string user;
    std::string agent_id;
    std::string session_id;
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReader<v1::StreamDesktopResponse>> feed;
  };

  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << testing::Tail(suite_->log_path());
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(suite_->channel());
    floor_ = std::make_unique<DialingFloorBuilder>(
        suite_->channel(),
        [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); });
  }

  // An ACTIVE campaign over `customers` new customers, its leads loaded.
  std::string LoadedCampaign(int customers) {
    const std::string campaign_id = floor_->ActiveCampaign(floor_->BuildList(customers));
    EXPECT_EQ(floor_->LoadLeads(campaign_id), customers);
    return campaign_id;
  }

  std::unique_ptr<Desk> LogIn(const std::string& campaign_id) {
    auto desk = std::make_unique<Desk>();
    desk->user = testing::UniqueName("agent");
    desk->agent_id = floor_->CreateAgent(desk->user);
    desk->session_id = floor_->LogIn(desk->user, desk->agent_id, campaign_id);
    desk->context = Agent(*desk);
    desk->context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(90));
    v1::StreamDesktopRequest watch;
    watch.set_session_id(desk->session_id);
    desk->feed = desktop_->StreamDesktop(desk->context.get(), watch);
    v1::StreamDesktopResponse first;
    EXPECT_TRUE(desk->feed->Read(&first));
    EXPECT_TRUE(first.has_snapshot()) << first.DebugString();
    return desk;
  }

  // A call as `who` with `roles` in the suite's region.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles = {"supervisor"}) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", testing::BearerToken(who, std::move(roles), {kRegion}));
    return context;
  }

  static std::unique_ptr<grpc::ClientContext> Agent(const Desk& desk) {
    return As(desk.user, {"agent"});
  }

  // Reads the desk's feed until `wanted` holds for a message; that message, or an empty one when
  // the stream ended first.
  static v1::StreamDesktopResponse ReadUntil(
      Desk& desk, const std::function<bool(const v1::StreamDesktopResponse&)>& wanted) {
    v1::StreamDesktopResponse message;
    while (desk.feed->Read(&message)) {
      if (wanted(message)) return message;
    }
    return v1::StreamDesktopResponse();
  }

  // Whether the call connected to the desk's agent, read from the feed until it connected or
  // ended (not answered by a person: the agent is released).
  static bool Connected(Desk& desk, const std::string& call_id) {
    v1::StreamDesktopResponse m = ReadUntil(desk, [&](const v1::StreamDesktopResponse& r) {
      return (r.has_call_connected() && r.call_connected().call_id() == call_id) ||
             (r.has_call_ended() && r.call_ended().call_id() == call_id);
    });
    return m.has_call_connected();
  }

  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;
  std::unique_ptr<DialingFloorBuilder> floor_;
  static inline testing::SuiteProcess* suite_ = nullptr;
};

TEST_F(DesktopEndToEnd, PreviewSkippedDialedHungUpAndItsOrderCancelledOnce) {
  testing::TopicReader orders_topic(testing::KafkaBrokers(), "tm.orders.v1");
  const std::string campaign_id = LoadedCampaign(kMaxDials + 2);
  v1::UpdateCampaignRuntimeRequest preview;
  preview.mutable_campaign_runtime()->set_campaign_id(campaign_id);
  preview.mutable_campaign_runtime()->set_dial_mode(common::DIAL_MODE_PREVIEW);
  preview.mutable_update_mask()->add_paths("dial_mode");
  v1::UpdateCampaignRuntimeResponse updated;
  grpc::Status status = DialingFloorBuilder::Eventually(
      [&] { return dialing_->UpdateCampaignRuntime(As("alice").get(), preview, &updated); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::unique_ptr<Desk> desk = LogIn(campaign_id);
  v1::StartDialingRequest start;
  start.set_campaign_id(campaign_id);
  start.set_request_id(testing::UniqueName("start"));
  v1::StartDialingResponse started;
  ASSERT_TRUE(dialing_->StartDialing(As("alice").get(), start, &started).ok());
  EXPECT_EQ(started.campaign_runtime().dial_mode(), common::DIAL_MODE_PREVIEW);

  auto next_preview = [&] {
    return ReadUntil(*desk, [](const v1::StreamDesktopResponse& r) {
             return r.has_preview_offered();
           }).preview_offered();
  };
  // The desktop shows the lead before anything is dialed; skipping it brings the next one.
  const v1::PreviewOffer first = next_preview();
  ASSERT_FALSE(first.lead().lead_id().empty()) << "no preview on the desktop";
  EXPECT_EQ(first.lead().attempts(), 0);
  v1::SkipPreviewRequest skip;
  skip.set_session_id(desk->session_id);
  skip.set_lead_id(first.lead().lead_id());
  skip.set_request_id(testing::UniqueName("skip"));
  v1::SkipPreviewResponse skipped;
  EXPECT_EQ(desktop_->SkipPreview(Agent(*desk).get(), skip, &skipped).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "a skip names its reason";
  skip.set_reason(v1::SKIP_REASON_LATER);
  status = desktop_->SkipPreview(Agent(*desk).get(), skip, &skipped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(skipped.lead().attempts(), 0);

  // Dial previews until a person answers; the agent was reserved, so they are bridged at once.
  std::string call_id;
  for (int i = 0; i < kMaxDials && call_id.empty(); ++i) {
    const v1::PreviewOffer offer = next_preview();
    ASSERT_FALSE(offer.lead().lead_id().empty()) << "no further preview";
    EXPECT_NE(offer.lead().lead_id(), first.lead().lead_id()) << "the skipped lead waits";
    v1::PreviewDialRequest dial;
    dial.set_session_id(desk->session_id);
    dial.set_lead_id(offer.lead().lead_id());
    dial.set_request_id(testing::UniqueName("dial"));
    v1::PreviewDialResponse dialed;
    EXPECT_EQ(desktop_->PreviewDial(As("mallory", {"agent"}).get(), dial, &dialed).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    status = desktop_->PreviewDial(Agent(*desk).get(), dial, &dialed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(dialed.call().dial_mode(), common::DIAL_MODE_PREVIEW);
    if (Connected(*desk, dialed.call().call_id())) call_id = dialed.call().call_id();
  }
  ASSERT_FALSE(call_id.empty()) << "nobody answered " << kMaxDials << " previews";

  v1::HangUpCallRequest hang_up;
  hang_up.set_session_id(desk->session_id);
  hang_up.set_call_id(call_id);
  hang_up.set_request_id(testing::UniqueName("hang"));
  v1::HangUpCallResponse hung;
  status = desktop_->HangUpCall(Agent(*desk).get(), hang_up, &hung);
  // The customer may have hung up first (talks of about 8 s): then the call is already ended.
  if (status.ok()) {
    EXPECT_EQ(hung.call().state(), v1::CALL_STATE_ENDED);
  } else {
    EXPECT_EQ(testing::ErrorReason(status), "CALL_NOT_CONNECTED") << status.error_message();
  }
  v1::SubmitDispositionRequest wrap;
  wrap.set_session_id(desk->session_id);
  wrap.set_call_id(call_id);
  wrap.set_disposition_code("ORDER");
  *wrap.mutable_order() = DialingFloorBuilder::Order(1);
  wrap.set_request_id(testing::UniqueName("wrap"));
  v1::SubmitDispositionResponse wrapped;
  status = desktop_->SubmitDisposition(Agent(*desk).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string order_id = wrapped.order().order_id();
  ASSERT_FALSE(order_id.empty());

  // The closing agent cancels the order with a reason, once.
  v1::CancelOrderRequest cancel;
  cancel.set_order_id(order_id);
  cancel.set_request_id(testing::UniqueName("cancel"));
  v1::CancelOrderResponse cancelled;
  status = dialing_->CancelOrder(Agent(*desk).get(), cancel, &cancelled);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("reason"), 1u);
  cancel.set_reason("customer changed their mind");
  status = dialing_->CancelOrder(Agent(*desk).get(), cancel, &cancelled);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(cancelled.order().state(), v1::ORDER_STATE_CANCELLED);
  cancel.set_request_id(testing::UniqueName("cancel"));
  status = dialing_->CancelOrder(Agent(*desk).get(), cancel, &cancelled);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();

  v1::StopDialingRequest stop;
  stop.set_campaign_id(campaign_id);
  v1::StopDialingResponse stopped;
  EXPECT_TRUE(dialing_->StopDialing(As("alice").get(), stop, &stopped).ok());
  desk->context->TryCancel();

  bool announced = false;
  orders_topic.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& read) {
        for (const auto& e : read) {
          ev::OrderStateChanged changed;
          if (e.key == order_id && e.type == "telemarketing.events.v1.OrderStateChanged" &&
              changed.ParseFromString(e.payload)) {
            announced = changed.order().state() == v1::ORDER_STATE_CANCELLED &&
                        changed.reason() == "customer changed their mind";
          }
        }
        return announced;
      },
      std::chrono::seconds(20));
  EXPECT_TRUE(announced) << "OrderStateChanged on tm.orders.v1";
}

TEST_F(DesktopEndToEnd, ManualDialRefusedOutsideTheWindowThenTransferredToAnotherAgent) {
  testing::TopicReader calls_topic(testing::KafkaBrokers(), "tm.calls.v1");
  const std::string campaign_id = LoadedCampaign(kMaxDials);
  v1::ListLeadsRequest list;
  list.set_campaign_id(campaign_id);
  v1::ListLeadsResponse leads;
  ASSERT_TRUE(dialing_->ListLeads(As("alice").get(), list, &leads).ok());
  ASSERT_EQ(leads.leads_size(), kMaxDials);
  std::unique_ptr<Desk> caller = LogIn(campaign_id);
  std::unique_ptr<Desk> expert = LogIn(campaign_id);

  // Bad input, someone else's session and a campaign the session does not work.
  v1::ManualDialRequest dial;
  v1::ManualDialResponse dialed;
  grpc::Status status = desktop_->ManualDial(Agent(*caller).get(), dial, &dialed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = testing::FieldViolations(status);
  for (const char* field : {"session_id", "campaign_id", "customer_id", "contact_point_id"}) {
    EXPECT_EQ(fields.count(field), 1u) << field << ": " << status.error_message();
  }
  dial.set_session_id(caller->session_id);
  dial.set_campaign_id(campaign_id);
  dial.set_customer_id(leads.leads(0).customer_id());
  dial.set_contact_point_id(leads.leads(0).contact_point_id());
  EXPECT_EQ(desktop_->ManualDial(Agent(*expert).get(), dial, &dialed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  dial.set_campaign_id(floor_->ActiveCampaign(floor_->BuildList(1)));
  status = desktop_->ManualDial(Agent(*caller).get(), dial, &dialed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(testing::ErrorReason(status), "CAMPAIGN_NOT_ASSIGNED");
  dial.set_campaign_id(campaign_id);

  // R10, R20: a customer who lives where it is 3 in the morning is not rung.
  contacts::CreateCustomerRequest night;
  night.mutable_customer()->set_display_name("夜猫子");
  night.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
  const int hour = absl::ToCivilHour(absl::Now(), absl::UTCTimeZone()).hour();
  int offset = (3 - hour + 24) % 24;  // local = UTC + offset
  if (offset > 12) offset -= 24;
  night.mutable_customer()->mutable_preferred_call_window()->set_time_zone(
      offset == 0 ? "Etc/UTC"
                  : (offset > 0 ? "Etc/GMT-" : "Etc/GMT+") + std::to_string(std::abs(offset)));
  auto* phone = night.mutable_customer()->add_contact_points();
  phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
  phone->set_value("13" + std::to_string(100000000 + absl::ToUnixMicros(absl::Now()) % 800000000));
  contacts::CreateCustomerResponse owl;
  status = contacts_->CreateCustomer(As("alice").get(), night, &owl);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ManualDialRequest at_night = dial;
  at_night.set_customer_id(owl.customer().customer_id());
  at_night.set_contact_point_id(owl.customer().contact_points(0).contact_point_id());
  // Dialing learns the customer from tm.contacts.v1 a moment later (NOT_FOUND until then).
  for (int i = 0; i < 100; ++i) {
    status = desktop_->ManualDial(Agent(*caller).get(), at_night, &dialed);
    if (status.error_code() != grpc::StatusCode::NOT_FOUND) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(testing::ErrorReason(status), "OUTSIDE_CALLING_WINDOW") << status.error_message();
  EXPECT_FALSE(testing::ErrorMetadata(status)["retry_after"].empty());

  // Dial customers by hand until one answers; a retry of a request answers the same call.
  std::string call_id;
  for (int i = 0; i < kMaxDials && call_id.empty(); ++i) {
    dial.set_customer_id(leads.leads(i).customer_id());
    dial.set_contact_point_id(leads.leads(i).contact_point_id());
    dial.set_request_id(testing::UniqueName("manual"));
    status = desktop_->ManualDial(Agent(*caller).get(), dial, &dialed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(dialed.call().dial_mode(), common::DIAL_MODE_MANUAL);
    EXPECT_EQ(dialed.call().agent_id(), caller->agent_id);
    v1::ManualDialResponse again;
    ASSERT_TRUE(desktop_->ManualDial(Agent(*caller).get(), dial, &again).ok());
    EXPECT_EQ(again.call().call_id(), dialed.call().call_id());
    if (Connected(*caller, dialed.call().call_id())) call_id = dialed.call().call_id();
  }
  ASSERT_FALSE(call_id.empty()) << "nobody answered " << kMaxDials << " manual dials";

  // R19: the call goes to the second agent, who ends and wraps it up.
  v1::TransferCallRequest transfer;
  transfer.set_session_id(caller->session_id);
  transfer.set_call_id(call_id);
  transfer.set_kind(v1::TRANSFER_KIND_BLIND);
  transfer.set_agent_id(expert->agent_id);
  transfer.set_request_id(testing::UniqueName("transfer"));
  v1::TransferCallResponse moved;
  status = desktop_->TransferCall(Agent(*caller).get(), transfer, &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(Connected(*expert, call_id)) << "the customer hung up during the transfer";
  v1::HangUpCallRequest hang_up;
  hang_up.set_session_id(expert->session_id);
  hang_up.set_call_id(call_id);
  v1::HangUpCallResponse hung;
  EXPECT_EQ(desktop_->HangUpCall(Agent(*caller).get(), hang_up, &hung).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "not the caller's session any more";
  status = desktop_->HangUpCall(Agent(*expert).get(), hang_up, &hung);
  if (!status.ok()) {
    EXPECT_EQ(testing::ErrorReason(status), "CALL_NOT_CONNECTED") << status.error_message();
  }
  v1::SubmitDispositionRequest wrap;
  wrap.set_session_id(expert->session_id);
  wrap.set_call_id(call_id);
  wrap.set_disposition_code("NOT_NOW");
  wrap.set_request_id(testing::UniqueName("wrap"));
  v1::SubmitDispositionResponse wrapped;
  status = desktop_->SubmitDisposition(Agent(*expert).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(wrapped.call().agent_id(), expert->agent_id);
  EXPECT_EQ(wrapped.call().transfer_count(), 1);
  caller->context->TryCancel();
  expert->context->TryCancel();

  // The integrator's view: a manual call with its agent reserved, then the transfer.
  const std::vector<ev::CallEvent> steps =
      testing::ReadCallLife(calls_topic, call_id, std::chrono::seconds(20));
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.front().created().origin(), ev::CALL_ORIGIN_MANUAL);
  EXPECT_TRUE(steps.front().created().agent_reserved());
  bool transferred = false;
  for (const ev::CallEvent& e : steps) {
    if (!e.has_transferred()) continue;
    transferred = true;
    EXPECT_EQ(e.transferred().from_agent_id(), caller->agent_id);
    EXPECT_EQ(e.transferred().to_agent_id(), expert->agent_id);
    EXPECT_EQ(e.transferred().kind(), v1::TRANSFER_KIND_BLIND);
  }
  EXPECT_TRUE(transferred) << "CallTransferred on tm.calls.v1";
}

}  // namespace
}  // namespace tmk
