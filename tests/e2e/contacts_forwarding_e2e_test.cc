// The changes an agent learns on a call reach contacts (issue 5; R2 list screening, R3 profile
// completion, R6 a refusal of further calls), through the running suite as agents, supervisors
// and integrators use it. Contacts runs in a server of its own and dialing (with campaigns)
// reaches it through a TcpProxy, as two pods would. A supervisor adds wrong-party and do-not-call
// codes to the campaign's set; the agent wraps a call up as wrong party, with the customer's
// occupation: contacts shows the dialed number WRONG_PARTY (named after the call), CheckCallable
// refuses it for that reason, the occupation's history names the call and the agent, and an
// integrator reads the customer's new snapshot on tm.contacts.v1. Then contacts is cut off from
// dialing: the next wrap-up's changes (the customer asks not to be called again and is a doctor)
// wait (not applied, nothing lost), and once the proxy is restored they arrive, exactly once: one
// DNC entry and one history row, each naming the call, and CheckCallable refuses the number for
// the region's DNC.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/dialing_suite.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/tcp_proxy.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace contacts = telemarketing::contacts::v1;
namespace campaigns = telemarketing::campaigns::v1;
namespace common = telemarketing::common::v1;
using std::chrono::seconds;

// A region of its own: dialing's consumer groups are named after it.
class ContactsForwardingEndToEnd : public testing::JwtSuiteTest<ContactsForwardingEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kRegion[] = "fwd";

  static void SetUpTestSuite() {
    contacts_server_ = new testing::SuiteProcess({kRegion, "contacts", testing::JwtServerArgs()});
    const std::string& address = contacts_server_->grpc_address();
    proxy_ = new testing::TcpProxy("127.0.0.1", std::stoi(address.substr(address.rfind(':') + 1)));
    suite_ = testing::StartDialingSuite(
        kRegion, {"--contacts-address=127.0.0.1:" + std::to_string(proxy_->port())},
        "campaigns,dialing");
  }
  static void TearDownTestSuite() {
    JwtSuiteTest::TearDownTestSuite();
    delete proxy_;
    delete contacts_server_;
  }

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    ASSERT_TRUE(contacts_server_->running()) << testing::Tail(contacts_server_->log_path());
    dialing_ = v1::DialingService::NewStub(suite_->channel());
    desktop_ = v1::AgentDesktopService::NewStub(suite_->channel());
    campaigns_ = campaigns::CampaignsService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(contacts_server_->channel());
    auto as = [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); };
    floor_ = std::make_unique<testing::DialingFloorBuilder>(suite_->channel(), as);
    customers_ = std::make_unique<testing::DialingFloorBuilder>(contacts_server_->channel(), as);
  }

  // A supervisor adds WRONG_PARTY (list screening: the number reaches someone else, R2) and
  // DO_NOT_CALL (R6) to the campaign's set; the campaign's snapshot carries them to dialing.
  void AddScreeningCodes(const std::string& campaign_id) {
    campaigns::GetCampaignRequest get;
    get.set_campaign_id(campaign_id);
    campaigns::GetCampaignResponse campaign;
    ASSERT_TRUE(campaigns_->GetCampaign(As("alice").get(), get, &campaign).ok());
    campaigns::GetDispositionSetRequest get_set;
    get_set.set_disposition_set_id(campaign.campaign().disposition_set_id());
    campaigns::GetDispositionSetResponse set;
    ASSERT_TRUE(campaigns_->GetDispositionSet(As("alice").get(), get_set, &set).ok());
    campaigns::UpdateDispositionSetRequest update;
    update.set_request_id(testing::UniqueName("set"));
    *update.mutable_disposition_set() = set.disposition_set();
    campaigns::Disposition* wrong = update.mutable_disposition_set()->add_dispositions();
    wrong->set_code("WRONG_PARTY");
    wrong->set_display_name("wrong party");
    wrong->set_outcome(common::CALL_OUTCOME_WRONG_PARTY);
    wrong->set_effect(campaigns::SCHEDULING_EFFECT_NEXT_CONTACT_POINT);
    campaigns::Disposition* dnc = update.mutable_disposition_set()->add_dispositions();
    dnc->set_code("DO_NOT_CALL");
    dnc->set_display_name("do not call me again");
    dnc->set_outcome(common::CALL_OUTCOME_DO_NOT_CALL_REQUESTED);
    dnc->set_effect(campaigns::SCHEDULING_EFFECT_DO_NOT_CALL);
    update.mutable_update_mask()->add_paths("dispositions");
    campaigns::UpdateDispositionSetResponse updated;
    grpc::Status status = campaigns_->UpdateDispositionSet(As("alice").get(), update, &updated);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // The next call offered on `feed` once it has ended (the agent in wrap-up).
  v1::Call NextEndedCall(grpc::ClientReader<v1::StreamDesktopResponse>& feed) {
    v1::StreamDesktopResponse message;
    v1::CallOffer offer;
    while (feed.Read(&message)) {
      if (message.has_call_offered()) offer = message.call_offered();
      if (message.has_call_ended() && message.call_ended().call_id() == offer.call().call_id()) {
        return offer.call();
      }
    }
    ADD_FAILURE() << "no call offered and ended on the desktop";
    return {};
  }

  contacts::Customer Customer(const std::string& customer_id) {
    contacts::GetCustomerRequest request;
    request.set_customer_id(customer_id);
    contacts::GetCustomerResponse response;
    grpc::Status status = contacts_->GetCustomer(As("root", {"admin"}).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  // The history of the customer's occupation (R3), newest first.
  std::vector<contacts::ProfileChange> OccupationHistory(const std::string& customer_id) {
    contacts::ListProfileChangesRequest request;
    request.set_customer_id(customer_id);
    request.add_field_paths("occupation");
    contacts::ListProfileChangesResponse response;
    grpc::Status status = contacts_->ListProfileChanges(As("wang").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.changes().begin(), response.changes().end()};
  }

  // The customer's do-not-call entries (R6).
  std::vector<contacts::DncEntry> DncEntries(const std::string& customer_id) {
    contacts::ListDncEntriesRequest request;
    request.set_customer_id(customer_id);
    contacts::ListDncEntriesResponse response;
    grpc::Status status = contacts_->ListDncEntries(As("wang").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.dnc_entries().begin(), response.dnc_entries().end()};
  }

  // Why contacts refuses to call the customer's point now, as an integrator asks it (R2, R6).
  std::vector<int> NonCallableReasons(const v1::Call& call) {
    contacts::CheckCallableRequest check;
    check.set_purpose(common::CONTACT_PURPOSE_SERVICE);
    check.add_queries()->set_customer_id(call.customer_id());
    check.mutable_queries(0)->set_contact_point_id(call.contact_point_id());
    contacts::CheckCallableResponse verdicts;
    grpc::Status status =
        contacts_->CheckCallable(As("erp", {"integrator"}).get(), check, &verdicts);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (verdicts.verdicts_size() != 1) return {-1};
    const contacts::CallableVerdict& v = verdicts.verdicts(0);
    EXPECT_EQ(v.callable(), v.reasons().empty());
    return {v.reasons().begin(), v.reasons().end()};
  }

  // Waits up to `timeout` for `done`; whether it came.
  static bool Within(seconds timeout, const std::function<bool()>& done) {
    for (auto end = std::chrono::steady_clock::now() + timeout;
         std::chrono::steady_clock::now() < end; std::this_thread::sleep_for(seconds(1))) {
      if (done()) return true;
    }
    return done();
  }

  static v1::ProfileFieldChange Occupation(const std::string& value) {
    v1::ProfileFieldChange change;
    change.set_field("occupation");
    change.set_new_value(value);
    return change;
  }

  static inline testing::SuiteProcess* contacts_server_ = nullptr;
  static inline testing::TcpProxy* proxy_ = nullptr;
  std::unique_ptr<v1::DialingService::Stub> dialing_;
  std::unique_ptr<v1::AgentDesktopService::Stub> desktop_;
  std::unique_ptr<campaigns::CampaignsService::Stub> campaigns_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;
  std::unique_ptr<testing::DialingFloorBuilder> floor_;      // campaigns and dialing
  std::unique_ptr<testing::DialingFloorBuilder> customers_;  // contacts
};

TEST_F(ContactsForwardingEndToEnd, WrapUpChangesReachContactsAndWaitOutAnOutageExactlyOnce) {
  testing::TopicReader customer_topic(testing::KafkaBrokers(), "tm.contacts.v1");
  const std::string list_id = customers_->BuildList(8);
  const std::string campaign_id = floor_->ActiveCampaign(list_id);
  ASSERT_FALSE(campaign_id.empty());
  AddScreeningCodes(campaign_id);
  ASSERT_EQ(floor_->LoadLeads(campaign_id), 8);

  const std::string user = testing::UniqueName("agent");
  const std::string agent_id = floor_->CreateAgent(user);
  const std::string session_id = floor_->LogIn(user, agent_id, campaign_id);
  ASSERT_FALSE(session_id.empty());
  auto stream_context = As(user, {"agent"});
  stream_context->set_deadline(std::chrono::system_clock::now() + seconds(240));
  v1::StreamDesktopRequest watch;
  watch.set_session_id(session_id);
  auto feed = desktop_->StreamDesktop(stream_context.get(), watch);
  v1::StartDialingRequest start;
  start.set_campaign_id(campaign_id);
  start.set_request_id(testing::UniqueName("start"));
  v1::StartDialingResponse started;
  grpc::Status status = testing::DialingFloorBuilder::Eventually(
      [&] { return dialing_->StartDialing(As("alice").get(), start, &started); });
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The number reached someone else, who still told the agent the customer is a teacher.
  const v1::Call first = NextEndedCall(*feed);
  ASSERT_FALSE(first.call_id().empty());
  v1::SubmitDispositionRequest wrap;
  wrap.set_session_id(session_id);
  wrap.set_call_id(first.call_id());
  wrap.set_disposition_code("WRONG_PARTY");
  *wrap.add_profile_changes() = Occupation("教师");
  wrap.set_request_id(testing::UniqueName("wrap"));
  v1::SubmitDispositionResponse wrapped;
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // Contacts has both, named after the call (R2, R3).
  ASSERT_TRUE(Within(seconds(30), [&] {
    const contacts::Customer c = Customer(first.customer_id());
    return c.occupation() == "教师" && c.contact_points_size() == 1 &&
           c.contact_points(0).status() == contacts::CONTACT_POINT_STATUS_WRONG_PARTY;
  })) << Customer(first.customer_id()).DebugString();
  const contacts::ContactPoint point = Customer(first.customer_id()).contact_points(0);
  EXPECT_EQ(point.contact_point_id(), first.contact_point_id());
  EXPECT_EQ(point.status_call_id(), first.call_id());
  EXPECT_EQ(NonCallableReasons(first), std::vector<int>{contacts::NON_CALLABLE_REASON_WRONG_PARTY});
  std::vector<contacts::ProfileChange> history = OccupationHistory(first.customer_id());
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].call_id(), first.call_id());
  EXPECT_EQ(history[0].actor().actor_id(), agent_id) << "dialing acts on behalf of the agent";
  EXPECT_EQ(history[0].origin(), contacts::CHANGE_ORIGIN_CALL_OUTCOME);
  EXPECT_EQ(history[0].new_value().string_value(), "教师");

  // An integrator reads the customer's new snapshot (R5).
  auto screened = [&](const events::ConsumedEvent& e) {
    telemarketing::events::v1::CustomerSnapshot s;
    return e.key == first.customer_id() && e.type == "telemarketing.events.v1.CustomerSnapshot" &&
           s.ParseFromString(e.payload) && s.customer().contact_points_size() == 1 &&
           s.customer().contact_points(0).status() == contacts::CONTACT_POINT_STATUS_WRONG_PARTY;
  };
  auto snapshots = customer_topic.ReadUntil(
      [&](const auto& got) { return std::any_of(got.begin(), got.end(), screened); }, seconds(30));
  EXPECT_TRUE(std::any_of(snapshots.begin(), snapshots.end(), screened))
      << "no CustomerSnapshot with the wrong-party number on tm.contacts.v1";

  // The next call ends; then contacts becomes unreachable for dialing, and the agent wraps up:
  // the customer asks not to be called again, and is a doctor.
  const v1::Call second = NextEndedCall(*feed);
  ASSERT_FALSE(second.call_id().empty());
  ASSERT_NE(second.customer_id(), first.customer_id()) << "the screened lead has no number left";
  v1::StopDialingRequest stop;
  stop.set_campaign_id(campaign_id);
  v1::StopDialingResponse stopped;
  ASSERT_TRUE(dialing_->StopDialing(As("alice").get(), stop, &stopped).ok());
  proxy_->Cut();
  wrap.set_call_id(second.call_id());
  wrap.set_disposition_code("DO_NOT_CALL");
  wrap.clear_profile_changes();
  *wrap.add_profile_changes() = Occupation("医生");
  wrap.set_request_id(testing::UniqueName("wrap"));
  status = desktop_->SubmitDisposition(As(user, {"agent"}).get(), wrap, &wrapped);
  ASSERT_TRUE(status.ok()) << "the wrap-up does not wait for contacts: " << status.error_message();
  std::this_thread::sleep_for(seconds(5));  // several forwarder rounds, each refused
  EXPECT_EQ(Customer(second.customer_id()).occupation(), "") << "applied through a cut proxy";
  EXPECT_TRUE(OccupationHistory(second.customer_id()).empty());
  EXPECT_TRUE(DncEntries(second.customer_id()).empty());
  EXPECT_TRUE(NonCallableReasons(second).empty()) << "the refusal reached contacts through a cut";

  proxy_->Restore();
  EXPECT_TRUE(Within(seconds(60), [&] {
    return Customer(second.customer_id()).occupation() == "医生" &&
           !DncEntries(second.customer_id()).empty();
  })) << "a change waiting for contacts was lost";
  std::this_thread::sleep_for(seconds(3));  // any duplicate would follow within a round or two
  history = OccupationHistory(second.customer_id());
  ASSERT_EQ(history.size(), 1u) << "applied more than once";
  EXPECT_EQ(history[0].call_id(), second.call_id());
  EXPECT_EQ(history[0].actor().actor_id(), agent_id);
  const std::vector<contacts::DncEntry> dnc = DncEntries(second.customer_id());
  ASSERT_EQ(dnc.size(), 1u) << "one refusal, one entry";
  EXPECT_EQ(dnc[0].call_id(), second.call_id());
  EXPECT_EQ(dnc[0].scope(), contacts::DNC_SCOPE_REGION);
  EXPECT_EQ(NonCallableReasons(second), std::vector<int>{contacts::NON_CALLABLE_REASON_DNC_REGION});
  stream_context->TryCancel();
}

}  // namespace
}  // namespace tmk
