#include "tests/support/dialing_floor_builder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/support/daytime_windows.h"
#include "tests/support/tagged_list.h"
#include "tests/support/test_env.h"

namespace tmk::testing {
namespace {

namespace campaigns = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
namespace dialing = telemarketing::dialing::v1;

// A fixed UTC offset zone where the local time is early afternoon now, so the campaign's
// 08:00-21:00 windows (inside the default legal hours) are open whenever the test runs.
std::string AfternoonZone() {
  const absl::CivilHour now = absl::ToCivilHour(absl::Now(), absl::UTCTimeZone());
  int offset = 13 - now.hour();  // local = UTC + offset
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  // POSIX sign: Etc/GMT-8 is UTC+8.
  return offset == 0 ? "Etc/UTC"
                     : (offset > 0 ? "Etc/GMT-" : "Etc/GMT+") + std::to_string(std::abs(offset));
}

}  // namespace

DialingFloorBuilder::DialingFloorBuilder(const std::shared_ptr<grpc::Channel>& channel, Caller as)
    : as_(std::move(as)),
      contacts_(contacts::ContactsService::NewStub(channel)),
      campaigns_(campaigns::CampaignsService::NewStub(channel)),
      dialing_(dialing::DialingService::NewStub(channel)),
      desktop_(dialing::AgentDesktopService::NewStub(channel)) {}

std::string DialingFloorBuilder::BuildList(int customers) {
  const std::string tag = UniqueName("floor");  // lower case: a valid tag
  // Mobiles 136 + six digits of this list + two of the customer: unique per list and customer.
  char prefix[8];
  std::snprintf(prefix, sizeof prefix, "%06zu", std::hash<std::string>()(tag) % 1'000'000);
  for (int i = 0; i < customers; ++i) {
    contacts::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name("陈静" + std::to_string(i));
    request.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
    request.mutable_customer()->add_tags(tag);
    auto* phone = request.mutable_customer()->add_contact_points();
    phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
    char number[16];
    std::snprintf(number, sizeof number, "136%s%02d", prefix, i % 100);
    phone->set_value(number);
    contacts::CreateCustomerResponse response;
    grpc::Status status = contacts_->CreateCustomer(As("alice").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  return TaggedList(*contacts_, [this] { return As("alice"); }, tag, "dialing floor",
                    common::CONTACT_PURPOSE_SERVICE);
}

campaigns::ScriptVersion DialingFloorBuilder::ApprovedScript() {
  campaigns::CreateScriptRequest create;
  create.mutable_script()->set_display_name("after-sale visit " + UniqueName("s"));
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

std::string DialingFloorBuilder::DispositionSet() {
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

std::string DialingFloorBuilder::ActiveCampaign(const std::string& list_id) {
  const campaigns::ScriptVersion script = ApprovedScript();
  campaigns::CreateCampaignRequest create;
  create.set_request_id(UniqueName("create"));
  campaigns::Campaign* c = create.mutable_campaign();
  c->set_display_name("Broadband visit " + UniqueName("c"));
  c->set_type(common::CAMPAIGN_TYPE_FOLLOW_UP_VISIT);
  c->set_target_list_id(list_id);
  c->set_disposition_set_id(DispositionSet());
  c->set_script_id(script.script_id());
  c->set_script_version(script.version());
  c->set_default_dial_mode(common::DIAL_MODE_PROGRESSIVE);
  campaigns::CampaignProduct* product = c->add_products();
  product->set_sku(kSku);
  product->set_display_name("300M broadband");
  product->mutable_unit_price()->set_currency_code("CNY");
  product->mutable_unit_price()->set_units(kUnitPrice);
  product->set_max_quantity(2);
  CallEveryDaytime(*c->mutable_calling_windows(), AfternoonZone());
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

std::string DialingFloorBuilder::LogIn(const std::string& user_id, const std::string& agent_id,
                                       const std::string& campaign_id) {
  dialing::StartSessionRequest login;
  login.set_agent_id(agent_id);
  login.set_station_id("sip:" + user_id + "@pbx");
  login.add_campaign_ids(campaign_id);
  dialing::StartSessionResponse session;
  const grpc::Status status = desktop_->StartSession(As(user_id, {"agent"}).get(), login, &session);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return session.session().session_id();
}

int DialingFloorBuilder::LoadLeads(const std::string& campaign_id) {
  dialing::LoadLeadsRequest load;
  load.set_campaign_id(campaign_id);
  load.set_request_id(UniqueName("load"));
  dialing::LoadLeadsResponse loaded;
  const grpc::Status status =
      Eventually([&] { return dialing_->LoadLeads(As("alice").get(), load, &loaded); });
  EXPECT_TRUE(status.ok()) << status.error_message();
  return status.ok() ? loaded.created() : -1;
}

std::string DialingFloorBuilder::CreateAgent(const std::string& user_id) {
  dialing::CreateAgentRequest request;
  request.mutable_agent()->set_display_name("agent " + user_id);
  request.mutable_agent()->set_employee_number(UniqueName("E"));
  request.mutable_agent()->set_user_id(user_id);
  request.mutable_agent()->set_blending_mode(dialing::BLENDING_MODE_OUTBOUND_ONLY);
  request.mutable_agent()->set_direct_line("+862012345678");
  request.set_request_id(UniqueName("req"));
  dialing::CreateAgentResponse agent;
  grpc::Status status = dialing_->CreateAgent(As("root", {"admin"}).get(), request, &agent);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return agent.agent().agent_id();
}

dialing::OrderCapture DialingFloorBuilder::Order(int quantity) {
  dialing::OrderCapture order;
  dialing::OrderItem* item = order.add_items();
  item->set_sku(kSku);
  item->set_quantity(quantity);
  order.mutable_delivery()->set_recipient_name("陈静");
  order.mutable_delivery()->mutable_address()->set_city_name("广州");
  order.set_payment_method("add_to_phone_bill");
  order.set_customer_confirmed(true);
  return order;
}

grpc::Status DialingFloorBuilder::Eventually(const std::function<grpc::Status()>& call) {
  grpc::Status status;
  for (int i = 0; i < 150; ++i) {
    status = call();
    if (status.ok()) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return status;
}

}  // namespace tmk::testing
