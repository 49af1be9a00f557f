// The dialer through the running suite (issue 5; R9, R13, R17, R19, R20, R31), as a supervisor, an
// agent and an integrator see it: customers in a contacts list, a follow-up campaign with an
// approved script, a disposition set and a product made ACTIVE in campaigns, its leads loaded into
// dialing, an agent READY on it, and dialing started in the real-time simulator (fast profile).
// The agent's desktop stream offers a call with the customer (masked) and the rendered script;
// when the call ends the agent wraps up with an order, and an integrator reads the call's whole
// life on tm.calls.v1 and the order on tm.orders.v1. Bad input on the way: a code outside the
// set, an order missing, someone else's session, a second wrap-up, dialing an unknown campaign.
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <cctype>
#include <chrono>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace campaigns = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
namespace ev = telemarketing::events::v1;

// A fixed UTC offset zone where the local time is early afternoon now, so the campaign's
// 08:00-21:00 windows (inside the default legal hours) are open whenever the test runs.
std::string AfternoonZone() {
  const absl::CivilHour now = absl::ToCivilHour(absl::Now(), absl::UTCTimeZone());
  int offset = 13 - now.hour();  // local = UTC + offset
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  // POSIX sign: Etc/GMT-8 is UTC+8.
  return offset == 0 ? "Etc/UTC" : (offset > 0 ? "Etc/GMT-" : "Etc/GMT+") + std::to_string(std::abs(offset));
}

class DialerEndToEnd : public testing::JwtSuiteTest<DialerEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kServices[] = "contacts,campaigns,dialing";

  static void SetUpTestSuite() {
    testing::SkipBacklog(testing::KafkaBrokers(), std::string("dialing-contacts.") + kRegion,
                         {"tm.contacts.v1", "tm.contact-consent.v1"});
    testing::SuiteProcess::Options options;
    options.region = kRegion;
    options.services = kServices;
    options.extra_args = testing::JwtServerArgs();
    options.extra_args.push_back("--dialing-simulation-profile=fast");
    suite_ = new testing::SuiteProcess(options);
  }

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
    campaigns_ = campaigns::CampaignsService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(suite_->channel());
  }

  // Eight B2C customers with a mobile each, in a list for service calls (R8): enough that one
  // answers even when the simulator sends the first ones to busy, no answer or a machine.
  std::string BuildList() {
    std::string tag = testing::UniqueName("dialer");
    for (char& ch : tag) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string digits = std::to_string(std::hash<std::string>()(tag) % 10'000'000);
    for (int i = 0; i < 8; ++i) {
      contacts::CreateCustomerRequest request;
      request.mutable_customer()->set_display_name("陈静" + std::to_string(i));
      request.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
      request.mutable_customer()->add_tags(tag);
      auto* phone = request.mutable_customer()->add_contact_points();
      phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
      phone->set_value("136" + std::string(7 - digits.size(), '0') + digits + std::to_string(i));
      contacts::CreateCustomerResponse response;
      grpc::Status status = contacts_->CreateCustomer(As("alice").get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    contacts::CreateSegmentRequest segment;
    segment.set_request_id(testing::UniqueName("req"));
    segment.mutable_segment()->set_display_name("dialer e2e");
    segment.mutable_segment()->set_filter("has_tag(\"" + tag + "\")");
    contacts::CreateSegmentResponse created;
    EXPECT_TRUE(contacts_->CreateSegment(As("alice").get(), segment, &created).ok());
    contacts::EvaluateSegmentRequest evaluate;
    evaluate.set_request_id(testing::UniqueName("req"));
    evaluate.set_segment_id(created.segment().segment_id());
    evaluate.set_purpose(common::CONTACT_PURPOSE_SERVICE);
    contacts::EvaluateSegmentResponse evaluated;
    EXPECT_TRUE(contacts_->EvaluateSegment(As("alice").get(), evaluate, &evaluated).ok());
    return evaluated.contact_list().list_id();
  }

  // A script with every compliance statement, authored by alice and approved by bob (R9).
  campaigns::ScriptVersion ApprovedScript() {
    campaigns::CreateScriptRequest create;
    create.mutable_script()->set_display_name("after-sale visit " + testing::UniqueName("s"));
    create.mutable_script()->set_campaign_type(common::CAMPAIGN_TYPE_FOLLOW_UP_VISIT);
    campaigns::CreateScriptResponse script;
    EXPECT_TRUE(campaigns_->CreateScript(As("alice").get(), create, &script).ok());
    campaigns::CreateScriptVersionRequest draft;
    draft.set_script_id(script.script().script_id());
    campaigns::ScriptVersion* doc = draft.mutable_script_version();
    doc->set_start_node_id("hello");
    campaigns::ScriptNode* hello = doc->add_nodes();
    hello->set_node_id("hello");
    hello->set_title("hello");
    hello->mutable_text()->set_text("Good afternoon, {{customer.display_name}}.");
    hello->mutable_text()->set_next_node_id("s1");
    const campaigns::ComplianceStatementKind kinds[] = {
        campaigns::COMPLIANCE_STATEMENT_KIND_IDENTITY,
        campaigns::COMPLIANCE_STATEMENT_KIND_RECORDING_NOTICE,
        campaigns::COMPLIANCE_STATEMENT_KIND_PURPOSE,
        campaigns::COMPLIANCE_STATEMENT_KIND_PRIVACY,
        campaigns::COMPLIANCE_STATEMENT_KIND_PRICE_AND_TERMS,
        campaigns::COMPLIANCE_STATEMENT_KIND_COOLING_OFF,
        campaigns::COMPLIANCE_STATEMENT_KIND_OPT_OUT};
    for (size_t i = 0; i < std::size(kinds); ++i) {
      campaigns::ScriptNode* node = doc->add_nodes();
      node->set_node_id("s" + std::to_string(i + 1));
      node->set_title(node->node_id());
      node->mutable_compliance()->set_kind(kinds[i]);
      node->mutable_compliance()->set_text("Statement " + std::to_string(i + 1) + ".");
      node->mutable_compliance()->set_mandatory(true);
      node->mutable_compliance()->set_next_node_id(i + 1 < std::size(kinds)
                                                       ? "s" + std::to_string(i + 2)
                                                       : "close");
    }
    campaigns::ScriptNode* close = doc->add_nodes();
    close->set_node_id("close");
    close->set_title("close");
    close->mutable_close()->set_text("Thank you.");
    close->mutable_close()->set_suggested_disposition_code("ORDER");
    campaigns::CreateScriptVersionResponse version;
    grpc::Status status = campaigns_->CreateScriptVersion(As("alice").get(), draft, &version);
    EXPECT_TRUE(status.ok()) << status.error_message();
    campaigns::SubmitScriptVersionRequest submit;
    submit.set_script_id(script.script().script_id());
    submit.set_version(version.script_version().version());
    campaigns::SubmitScriptVersionResponse submitted;
    EXPECT_TRUE(campaigns_->SubmitScriptVersion(As("alice").get(), submit, &submitted).ok());
    campaigns::ApproveScriptVersionRequest approve;
    approve.set_script_id(script.script().script_id());
    approve.set_version(version.script_version().version());
    campaigns::ApproveScriptVersionResponse approved;
    status = campaigns_->ApproveScriptVersion(As("bob").get(), approve, &approved);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return approved.script_version();
  }

  std::string DispositionSet() {
    campaigns::CreateDispositionSetRequest request;
    campaigns::DispositionSet* set = request.mutable_disposition_set();
    set->set_display_name("visit codes");
    auto add = [set](const std::string& code, common::CallOutcome outcome,
                     common::IntentionClass intention, campaigns::SchedulingEffect effect) {
      campaigns::Disposition* d = set->add_dispositions();
      d->set_code(code);
      d->set_display_name(code);
      d->set_outcome(outcome);
      d->set_intention_class(intention);
      d->set_effect(effect);
      return d;
    };
    campaigns::Disposition* order = add("ORDER", common::CALL_OUTCOME_REACHED,
                                        common::INTENTION_CLASS_BUY_NOW,
                                        campaigns::SCHEDULING_EFFECT_ORDER);
    order->set_requires_order(true);
    order->set_counts_as_conversion(true);
    order->set_stage(common::SALE_STAGE_ORDER);
    add("NOT_NOW", common::CALL_OUTCOME_REACHED, common::INTENTION_CLASS_NOT_NOW,
        campaigns::SCHEDULING_EFFECT_CADENCE);
    campaigns::CreateDispositionSetResponse response;
    grpc::Status status = campaigns_->CreateDispositionSet(As("alice").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.disposition_set().disposition_set_id();
  }

  // An ACTIVE follow-up campaign over the list, calling every day 08:00-21:00 local time.
  std::string ActiveCampaign(const std::string& list_id) {
    const campaigns::ScriptVersion script = ApprovedScript();
    campaigns::CreateCampaignRequest create;
    create.set_request_id(testing::UniqueName("create"));
    campaigns::Campaign* c = create.mutable_campaign();
    c->set_display_name("Broadband visit " + testing::UniqueName("c"));
    c->set_type(common::CAMPAIGN_TYPE_FOLLOW_UP_VISIT);
    c->set_target_list_id(list_id);
    c->set_disposition_set_id(DispositionSet());
    c->set_script_id(script.script_id());
    c->set_script_version(script.version());
    c->set_default_dial_mode(common::DIAL_MODE_PROGRESSIVE);
    campaigns::CampaignProduct* product = c->add_products();
    product->set_sku("BB-300M");
    product->set_display_name("300M broadband");
    product->mutable_unit_price()->set_currency_code("CNY");
    product->mutable_unit_price()->set_units(99);
    product->set_max_quantity(2);
    auto* windows = c->mutable_calling_windows();
    windows->set_fallback_time_zone(AfternoonZone());
    for (auto kind : {common::CUSTOMER_KIND_B2C, common::CUSTOMER_KIND_B2B}) {
      auto* w = windows->add_windows();
      w->set_customer_kind(kind);
      auto* weekly = w->add_weekly();
      for (int day = 1; day <= 7; ++day) weekly->add_days(static_cast<common::DayOfWeek>(day));
      auto* range = weekly->add_ranges();
      range->mutable_start()->set_hours(8);
      range->mutable_end()->set_hours(21);
    }
    campaigns::CreateCampaignResponse created;
    grpc::Status status = campaigns_->CreateCampaign(As("alice").get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    campaigns::ActivateCampaignRequest activate;
    activate.set_campaign_id(created.campaign().campaign_id());
    campaigns::ActivateCampaignResponse activated;
    status = campaigns_->ActivateCampaign(As("alice").get(), activate, &activated);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.campaign().campaign_id();
  }

  // Retries `call` until it is OK or 30 s passed (dialing learns campaigns and customers from
  // Kafka, a moment after campaigns and contacts committed them).
  static grpc::Status Eventually(const std::function<grpc::Status()>& call) {
    grpc::Status status;
    for (int i = 0; i < 150; ++i) {
      status = call();
      if (status.ok()) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return status;
  }

  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
  std::unique_ptr<campaigns::CampaignsService::Stub> campaigns_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;
};

TEST_F(DialerEndToEnd, OfferedCallWrappedUpWithAnOrderReachesIntegrators) {
  testing::TopicReader calls_topic(testing::KafkaBrokers(), "tm.calls.v1");
  testing::TopicReader orders_topic(testing::KafkaBrokers(), "tm.orders.v1");
  const std::string list_id = BuildList();
  const std::string campaign_id = ActiveCampaign(list_id);
  ASSERT_FALSE(campaign_id.empty());

  v1::LoadLeadsRequest load;
  load.set_campaign_id(campaign_id);
  load.set_request_id(testing::UniqueName("load"));
  v1::LoadLeadsResponse loaded;
  ASSERT_TRUE(Eventually([&] { return dialing_->LoadLeads(As("alice").get(), load, &loaded); })
                  .ok());
  EXPECT_EQ(loaded.created(), 8);

  // The agent: on the roster, logged in on the campaign, watching the desktop.
  const std::string user = testing::UniqueName("agent");
  v1::CreateAgentRequest agent_request;
  agent_request.mutable_agent()->set_display_name("agent " + user);
  agent_request.mutable_agent()->set_employee_number(testing::UniqueName("E"));
  agent_request.mutable_agent()->set_user_id(user);
  agent_request.mutable_agent()->set_blending_mode(v1::BLENDING_MODE_OUTBOUND_ONLY);
  agent_request.mutable_agent()->set_direct_line("+862012345678");
  agent_request.set_request_id(testing::UniqueName("req"));
  v1::CreateAgentResponse agent;
  grpc::Status status = dialing_->CreateAgent(As("root", {"admin"}).get(), agent_request, &agent);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::StartSessionRequest login;
  login.set_agent_id(agent.agent().agent_id());
  login.set_station_id("sip:" + user + "@pbx.gd");
  login.add_campaign_ids(campaign_id);
  v1::StartSessionResponse session;
  status = desktop_->StartSession(As(user, {"agent"}).get(), login, &session);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string session_id = session.session().session_id();

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
  status = Eventually([&] { return dialing_->StartDialing(As("alice").get(), start, &started); });
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

  v1::OrderCapture* order = wrap.mutable_order();
  v1::OrderItem* item = order->add_items();
  item->set_sku("BB-300M");
  item->set_quantity(1);
  order->mutable_delivery()->set_recipient_name("陈静");
  order->mutable_delivery()->mutable_address()->set_city_name("广州");
  order->set_payment_method("add_to_phone_bill");
  order->set_customer_confirmed(true);
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
  auto steps = calls_topic.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& read) {
        for (const auto& e : read) {
          ev::CallEvent call;
          if (e.key == call_id && call.ParseFromString(e.payload) && call.has_dispositioned()) {
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(30));
  std::vector<std::string> life;
  for (const auto& e : steps) {
    ev::CallEvent call;
    if (e.key != call_id || e.type != "telemarketing.events.v1.CallEvent" ||
        !call.ParseFromString(e.payload)) {
      continue;
    }
    EXPECT_EQ(call.sequence(), static_cast<int64_t>(life.size() + 1));
    const auto* step = call.GetReflection()->GetOneofFieldDescriptor(
        call, call.GetDescriptor()->FindOneofByName("step"));
    life.push_back(step == nullptr ? "" : step->name());
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
