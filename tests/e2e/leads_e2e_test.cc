// Leads through the running suite (issue 5; R2, R6, R8, R11, R12, R17, R20), as a supervisor works
// them: a list built in contacts, a campaign in campaigns, its leads loaded into dialing twice
// (the second load creates nothing), a customer put on the do-not-call list and another's only
// number screened out as wrong party in contacts — and the hopper, from its own projection of
// contacts events, names both reasons. A callback in the past, one outside the calling windows,
// a stale lead revision and loads of unknown or list-less campaigns get the documented statuses.
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <map>
#include <thread>

#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "tests/support/suite_process.h"
#include "tests/support/suite_tokens.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/tagged_list.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace campaigns = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

class LeadsEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A region of its own: consumer groups are per region, so no other suite's server takes a
    // share of this suite's partitions; each group starts after the shared broker's backlog,
    // every event this suite cares about being published after the server starts.
    region_ = "leads-" + testing::UniqueName("e2e").substr(4, 12);
    const std::string brokers = testing::KafkaBrokers();
    testing::SkipBacklog(brokers, "contacts-replica." + region_, {"tm.contacts.v1"});
    testing::SkipBacklog(brokers, "contacts-proposals." + region_, {"tm.contact-proposals.v1"});
    testing::SkipBacklog(brokers, "dialing-campaigns." + region_, {"tm.campaigns.v1"});
    testing::SkipBacklog(brokers, "dialing-contacts." + region_,
                         {"tm.contacts.v1", "tm.contact-consent.v1"});
    testing::SuiteProcess::Options options;
    options.region = region_;
    options.services = "contacts,campaigns,dialing";
    options.extra_args = testing::JwtServerArgs();
    suite_ = new testing::SuiteProcess(options);
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // A call as `who` with `roles` (a supervisor unless they say otherwise) in the suite's region.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles = {"supervisor"}) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization",
                         testing::BearerToken(who, std::move(roles), {region_}));
    return context;
  }

  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << testing::Tail(suite_->log_path());
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    campaigns_ = campaigns::CampaignsService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(suite_->channel());
  }

  // Four B2C customers with one mobile each, evaluated into a list (R8).
  std::pair<std::string, std::vector<contacts::Customer>> BuildList() {
    const std::string tag = testing::UniqueName("leads");  // lower case: a valid tag
    const std::string digits = std::to_string(std::hash<std::string>()(tag) % 10'000'000);
    std::vector<contacts::Customer> customers;
    for (int i = 0; i < 4; ++i) {
      contacts::CreateCustomerRequest request;
      request.mutable_customer()->set_display_name("李娜" + std::to_string(i));
      request.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
      request.mutable_customer()->add_tags(tag);
      auto* phone = request.mutable_customer()->add_contact_points();
      phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
      phone->set_value("137" + std::string(7 - digits.size(), '0') + digits + std::to_string(i));
      contacts::CreateCustomerResponse response;
      grpc::Status status = contacts_->CreateCustomer(As("alice").get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      customers.push_back(response.customer());
    }
    return {testing::TaggedList(*contacts_, [] { return As("alice"); }, tag, "leads e2e",
                                common::CONTACT_PURPOSE_SERVICE),
            customers};
  }

  // A follow-up-visit campaign (R7: a service call, so no marketing consent is needed).
  // With a fallback time zone, customers without their own get the R10 default windows there.
  std::string CreateCampaign(const std::string& list_id, const std::string& fallback_zone = "") {
    campaigns::CreateCampaignRequest create;
    create.set_request_id(testing::UniqueName("create"));
    create.mutable_campaign()->set_display_name("After-sale visit " + testing::UniqueName("c"));
    create.mutable_campaign()->set_type(common::CAMPAIGN_TYPE_FOLLOW_UP_VISIT);
    create.mutable_campaign()->set_target_list_id(list_id);
    create.mutable_campaign()->mutable_calling_windows()->set_fallback_time_zone(fallback_zone);
    campaigns::CreateCampaignResponse created;
    grpc::Status status = campaigns_->CreateCampaign(As("alice").get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.campaign().campaign_id();
  }

  grpc::Status Load(const std::string& campaign_id, v1::LoadLeadsResponse* response,
                    int priority = 0) {
    v1::LoadLeadsRequest request;
    request.set_campaign_id(campaign_id);
    request.set_priority(priority);
    request.set_request_id(testing::UniqueName("load"));
    return dialing_->LoadLeads(As("alice").get(), request, response);
  }

  // Dialing learns of campaigns from tm.campaigns.v1: a load answers NOT_FOUND until it has.
  grpc::Status LoadOnceKnown(const std::string& campaign_id, v1::LoadLeadsResponse* response,
                             int priority = 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    grpc::Status status;
    do {
      *response = v1::LoadLeadsResponse();
      status = Load(campaign_id, response, priority);
      if (status.error_code() != grpc::StatusCode::NOT_FOUND) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } while (std::chrono::steady_clock::now() < deadline);
    return status;
  }

  std::map<v1::HopperBlockReason, int64_t> Blocked(const v1::HopperStatus& status) {
    std::map<v1::HopperBlockReason, int64_t> out;
    for (const v1::HopperBlockCount& b : status.blocked()) out[b.reason()] = b.leads();
    return out;
  }

  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<campaigns::CampaignsService::Stub> campaigns_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;

  static inline std::string region_;
  static inline testing::SuiteProcess* suite_ = nullptr;
};

TEST_F(LeadsEndToEnd, LoadTwiceThenTheHopperNamesDoNotCallAndWrongParty) {
  auto [list_id, customers] = BuildList();
  const std::string campaign_id = CreateCampaign(list_id);

  v1::LoadLeadsResponse loaded;
  grpc::Status status = LoadOnceKnown(campaign_id, &loaded, /*priority=*/5);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(loaded.created(), 4);
  EXPECT_EQ(loaded.existing(), 0);
  v1::LoadLeadsResponse again;
  ASSERT_TRUE(Load(campaign_id, &again).ok());
  EXPECT_EQ(again.created(), 0) << "loading a list twice creates nothing new (R11)";
  EXPECT_EQ(again.existing(), 4);

  v1::ListLeadsRequest list;
  list.set_campaign_id(campaign_id);
  list.set_page_size(3);
  v1::ListLeadsResponse page;
  ASSERT_TRUE(dialing_->ListLeads(As("alice").get(), list, &page).ok());
  ASSERT_EQ(page.leads_size(), 3);
  EXPECT_FALSE(page.next_page_token().empty());
  EXPECT_EQ(page.leads(0).state(), v1::LEAD_STATE_NEW);
  EXPECT_EQ(page.leads(0).priority(), 5);
  list.set_page_token(page.next_page_token());
  v1::ListLeadsResponse rest;
  ASSERT_TRUE(dialing_->ListLeads(As("alice").get(), list, &rest).ok());
  EXPECT_EQ(rest.leads_size(), 1);
  EXPECT_TRUE(rest.next_page_token().empty());

  // In contacts: customer 0 asks not to be called (R6); customer 1's only number reaches the
  // wrong person (R2 list screening).
  contacts::CreateDncEntryRequest dnc;
  dnc.set_request_id(testing::UniqueName("dnc"));
  dnc.mutable_dnc_entry()->set_scope(contacts::DNC_SCOPE_GLOBAL);
  dnc.mutable_dnc_entry()->set_customer_id(customers[0].customer_id());
  dnc.mutable_dnc_entry()->set_reason(contacts::DNC_REASON_CUSTOMER_REQUEST);
  contacts::CreateDncEntryResponse dnc_created;
  status = contacts_->CreateDncEntry(As("alice").get(), dnc, &dnc_created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  contacts::BatchUpdateContactPointStatusesRequest screen;
  screen.set_request_id(testing::UniqueName("screen"));
  auto* update = screen.add_updates();
  update->set_customer_id(customers[1].customer_id());
  update->set_contact_point_id(customers[1].contact_points(0).contact_point_id());
  update->set_status(contacts::CONTACT_POINT_STATUS_WRONG_PARTY);
  update->set_reason("reached someone else");
  contacts::BatchUpdateContactPointStatusesResponse screened;
  status = contacts_->BatchUpdateContactPointStatuses(As("alice").get(), screen, &screened);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The hopper learns both from tm.contacts.v1 / tm.contact-consent.v1 and says why.
  v1::GetHopperStatusRequest hopper;
  hopper.set_campaign_id(campaign_id);
  v1::GetHopperStatusResponse answer;
  std::map<v1::HopperBlockReason, int64_t> blocked;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  do {
    answer.Clear();
    status = dialing_->GetHopperStatus(As("alice").get(), hopper, &answer);
    ASSERT_TRUE(status.ok()) << status.error_message();
    blocked = Blocked(answer.hopper_status());
    if (blocked[v1::HOPPER_BLOCK_REASON_DO_NOT_CALL] == 1 &&
        blocked[v1::HOPPER_BLOCK_REASON_NO_VALID_CONTACT_POINT] == 1) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  } while (std::chrono::steady_clock::now() < deadline);
  const v1::HopperStatus& s = answer.hopper_status();
  EXPECT_EQ(blocked[v1::HOPPER_BLOCK_REASON_DO_NOT_CALL], 1) << s.DebugString();
  EXPECT_EQ(blocked[v1::HOPPER_BLOCK_REASON_NO_VALID_CONTACT_POINT], 1) << s.DebugString();
  EXPECT_EQ(s.open_leads(), 4);
  EXPECT_EQ(s.ready_leads(), 0);
  EXPECT_EQ(s.empty_reason(), v1::HOPPER_BLOCK_REASON_CAMPAIGN_NOT_RUNNING) << "still a draft";
  EXPECT_TRUE(s.has_compute_time());
}

TEST_F(LeadsEndToEnd, BadInputGetsTheDocumentedStatuses) {
  auto [list_id, customers] = BuildList();
  const std::string campaign_id = CreateCampaign(list_id);
  v1::LoadLeadsResponse loaded;
  ASSERT_TRUE(LoadOnceKnown(campaign_id, &loaded).ok());

  // Malformed and unknown campaigns; a campaign without a list.
  v1::LoadLeadsResponse ignored;
  grpc::Status status = Load("not-a-uuid", &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("campaign_id"), 1u);
  EXPECT_EQ(Load("00000000-0000-7000-8000-000000000001", &ignored).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const std::string listless = CreateCampaign("");
  status = LoadOnceKnown(listless, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(testing::ErrorReason(status), "CAMPAIGN_WITHOUT_LIST");

  v1::ListLeadsRequest list;
  list.set_campaign_id(campaign_id);
  v1::ListLeadsResponse leads;
  ASSERT_TRUE(dialing_->ListLeads(As("alice").get(), list, &leads).ok());
  ASSERT_EQ(leads.leads_size(), 4);
  const v1::Lead lead = leads.leads(0);

  // A callback in the past can never be kept (R17).
  v1::CreateCallbackRequest past;
  past.set_request_id(testing::UniqueName("cb"));
  past.mutable_callback()->set_lead_id(lead.lead_id());
  *past.mutable_callback()->mutable_callback_time() =
      TimeUtil::SecondsToTimestamp(TimeUtil::GetCurrentTime().seconds() - 3600);
  past.mutable_callback()->set_ownership(v1::CALLBACK_OWNERSHIP_ANYONE);
  v1::CreateCallbackResponse callback;
  status = dialing_->CreateCallback(As("alice").get(), past, &callback);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("callback.callback_time"), 1u);

  // The draft campaign has no fallback time zone and the customers none of their own: no local
  // time is knowable, so no callback time is inside the calling windows (R10, R20).
  v1::CreateCallbackRequest later = past;
  later.set_request_id(testing::UniqueName("cb"));
  *later.mutable_callback()->mutable_callback_time() =
      TimeUtil::SecondsToTimestamp(TimeUtil::GetCurrentTime().seconds() + 86400);
  status = dialing_->CreateCallback(As("alice").get(), later, &callback);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(testing::ErrorReason(status), "OUTSIDE_CALLING_WINDOW");

  // A stale revision is ABORTED; the current one changes the lead (R11).
  v1::UpdateLeadRequest update;
  update.set_request_id(testing::UniqueName("upd"));
  update.mutable_lead()->set_lead_id(lead.lead_id());
  update.mutable_lead()->set_priority(20);
  update.mutable_lead()->set_revision(lead.revision() + 5);
  update.mutable_update_mask()->add_paths("priority");
  v1::UpdateLeadResponse updated;
  EXPECT_EQ(dialing_->UpdateLead(As("alice").get(), update, &updated).error_code(),
            grpc::StatusCode::ABORTED);
  update.set_request_id(testing::UniqueName("upd"));
  update.mutable_lead()->set_revision(lead.revision());
  status = dialing_->UpdateLead(As("alice").get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.lead().priority(), 20);
  EXPECT_EQ(updated.lead().revision(), lead.revision() + 1);
  // Fields outside the allowed set, and a priority out of bounds, are named.
  update.set_request_id(testing::UniqueName("upd"));
  update.mutable_lead()->set_priority(1000);
  update.mutable_update_mask()->add_paths("attempts");
  status = dialing_->UpdateLead(As("alice").get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("update_mask.paths[1]"), 1u);
  // An agent may not steer leads.
  EXPECT_EQ(dialing_->UpdateLead(As("carol", {"agent"}).get(), update, &updated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// A customer's callback (R10, R17): scheduled inside the campaign's windows in the customer's
// local time, the lead waits for it, one open callback per lead, listed, moved, cancelled.
TEST_F(LeadsEndToEnd, CallbacksAreScheduledMovedAndCancelled) {
  auto [list_id, customers] = BuildList();
  const std::string campaign_id = CreateCampaign(list_id, "Asia/Shanghai");
  v1::LoadLeadsResponse loaded;
  ASSERT_TRUE(LoadOnceKnown(campaign_id, &loaded).ok());
  v1::ListLeadsRequest list;
  list.set_campaign_id(campaign_id);
  v1::ListLeadsResponse leads;
  ASSERT_TRUE(dialing_->ListLeads(As("alice").get(), list, &leads).ok());
  ASSERT_FALSE(leads.leads().empty());
  const std::string lead_id = leads.leads(0).lead_id();

  // Saturday noon and Saturday 03:00 in Shanghai, at least two days ahead: inside the R10 weekend
  // window for consumers, and outside the legal hours.
  const absl::TimeZone shanghai = [] {
    absl::TimeZone zone;
    EXPECT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &zone));
    return zone;
  }();
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), shanghai) + 2;
  while (absl::GetWeekday(day) != absl::Weekday::saturday) ++day;
  auto at = [&](int hour) {
    return TimeUtil::SecondsToTimestamp(
        absl::ToUnixSeconds(absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), hour),
                                            shanghai)));
  };

  v1::CreateCallbackRequest create;
  create.set_request_id(testing::UniqueName("cb"));
  create.mutable_callback()->set_lead_id(lead_id);
  *create.mutable_callback()->mutable_callback_time() = at(3);
  create.mutable_callback()->set_owner_agent_id("agent-7");
  create.mutable_callback()->set_ownership(v1::CALLBACK_OWNERSHIP_AGENT_ONLY);
  create.mutable_callback()->set_note("call back about the router");
  v1::CreateCallbackResponse created;
  grpc::Status status = dialing_->CreateCallback(As("alice").get(), create, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(testing::ErrorReason(status), "OUTSIDE_CALLING_WINDOW");
  EXPECT_NE(status.error_message().find("next calling window"), std::string::npos)
      << status.error_message();

  create.set_request_id(testing::UniqueName("cb"));
  *create.mutable_callback()->mutable_callback_time() = at(12);
  status = dialing_->CreateCallback(As("alice").get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Callback& callback = created.callback();
  EXPECT_EQ(callback.state(), v1::CALLBACK_STATE_SCHEDULED);
  EXPECT_EQ(callback.campaign_id(), campaign_id);
  EXPECT_EQ(callback.owner_agent_id(), "agent-7");
  EXPECT_EQ(callback.revision(), 1);
  v1::CreateCallbackResponse replayed;
  ASSERT_TRUE(dialing_->CreateCallback(As("alice").get(), create, &replayed).ok());
  EXPECT_EQ(replayed.callback().callback_id(), callback.callback_id()) << "same request_id";
  create.set_request_id(testing::UniqueName("cb"));
  EXPECT_EQ(dialing_->CreateCallback(As("alice").get(), create, &replayed).error_code(),
            grpc::StatusCode::ALREADY_EXISTS)
      << "one open callback per lead";

  v1::GetLeadRequest get;
  get.set_lead_id(lead_id);
  v1::GetLeadResponse lead;
  ASSERT_TRUE(dialing_->GetLead(As("alice").get(), get, &lead).ok());
  EXPECT_EQ(lead.lead().state(), v1::LEAD_STATE_CALLBACK);
  EXPECT_EQ(lead.lead().next_attempt_time().seconds(), at(12).seconds());
  EXPECT_EQ(lead.lead().callback_owner_agent_id(), "agent-7");

  v1::ListCallbacksRequest by_owner;
  by_owner.set_campaign_id(campaign_id);
  by_owner.set_owner_agent_id("agent-7");
  v1::ListCallbacksResponse listed;
  ASSERT_TRUE(dialing_->ListCallbacks(As("alice").get(), by_owner, &listed).ok());
  ASSERT_EQ(listed.callbacks_size(), 1);
  EXPECT_EQ(listed.callbacks(0).callback_id(), callback.callback_id());

  v1::UpdateCallbackRequest move;
  move.set_request_id(testing::UniqueName("cb"));
  move.mutable_callback()->set_callback_id(callback.callback_id());
  *move.mutable_callback()->mutable_callback_time() = at(15);
  move.mutable_callback()->set_revision(callback.revision());
  move.mutable_update_mask()->add_paths("callback_time");
  v1::UpdateCallbackResponse moved;
  status = dialing_->UpdateCallback(As("alice").get(), move, &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(moved.callback().callback_time().seconds(), at(15).seconds());
  EXPECT_EQ(moved.callback().revision(), 2);
  move.set_request_id(testing::UniqueName("cb"));
  EXPECT_EQ(dialing_->UpdateCallback(As("alice").get(), move, &moved).error_code(),
            grpc::StatusCode::ABORTED)
      << "revision 1 is stale now";

  v1::CancelCallbackRequest cancel;
  cancel.set_request_id(testing::UniqueName("cb"));
  cancel.set_callback_id(callback.callback_id());
  cancel.set_reason("customer ordered online");
  v1::CancelCallbackResponse cancelled;
  ASSERT_TRUE(dialing_->CancelCallback(As("alice").get(), cancel, &cancelled).ok());
  EXPECT_EQ(cancelled.callback().state(), v1::CALLBACK_STATE_CANCELLED);
  ASSERT_TRUE(dialing_->GetLead(As("alice").get(), get, &lead).ok());
  EXPECT_EQ(lead.lead().state(), v1::LEAD_STATE_NEW) << "back in the schedule, never attempted";
  EXPECT_TRUE(lead.lead().callback_owner_agent_id().empty());
  cancel.set_request_id(testing::UniqueName("cb"));
  status = dialing_->CancelCallback(As("alice").get(), cancel, &cancelled);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "CALLBACK_CLOSED");
}

}  // namespace
}  // namespace tmk
