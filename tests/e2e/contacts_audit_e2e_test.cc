// The access audit log through the running suite (R6: an audit trail of who accessed which
// customer): every read that answers with a customer's personal data is listed for
// administrators with who read it, in which role, through which RPC, why, when and from where.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/suite_process.h"
#include "tests/support/suite_tokens.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
constexpr char kMethods[] = "/telemarketing.contacts.v1.ContactsService/";

class ContactsAuditEndToEnd : public testing::ContactsSuiteTest<ContactsAuditEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() {
    return {"e2e", "contacts", testing::JwtServerArgs()};
  }

 protected:
  std::unique_ptr<grpc::ClientContext> As(const std::string& subject, const std::string& role) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", testing::BearerToken(subject, {role}, {"e2e"}));
    return context;
  }

  v1::Customer Create(const std::string& phone) {
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("req"));
    request.mutable_customer()->set_display_name("周审计");
    request.mutable_customer()->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    request.mutable_customer()->mutable_residence()->set_street_address("审计路9号");
    v1::ContactPoint* p = request.mutable_customer()->add_contact_points();
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(phone);
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_->CreateCustomer(As("creator", "admin").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  // Every entry the filter selects, page by page (page_size 1 walks the pagination).
  std::vector<v1::AccessAuditEntry> Audit(v1::ListAccessAuditEntriesRequest request) {
    std::vector<v1::AccessAuditEntry> out;
    request.set_page_size(1);
    for (int page = 0; page < 100; ++page) {
      v1::ListAccessAuditEntriesResponse response;
      grpc::Status status =
          stub_->ListAccessAuditEntries(As("dpo", "admin").get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      out.insert(out.end(), response.entries().begin(), response.entries().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return out;
  }

  std::vector<v1::AccessAuditEntry> AuditOf(const std::string& customer_id) {
    v1::ListAccessAuditEntriesRequest request;
    request.set_customer_id(customer_id);
    return Audit(request);
  }

  static std::set<std::string> Revealed(const v1::AccessAuditEntry& entry) {
    return {entry.revealed_fields().begin(), entry.revealed_fields().end()};
  }
};

TEST_F(ContactsAuditEndToEnd, ASupervisorsReadIsListedWithWhoWhyWhenAndWhere) {
  v1::Customer customer = Create("139 4000 0001");
  EXPECT_TRUE(AuditOf(customer.customer_id()).empty()) << "creating is not reading";

  const auto before = std::chrono::system_clock::now();
  v1::GetCustomerRequest get;
  get.set_customer_id(customer.customer_id());
  get.mutable_context()->set_call_id("call-77");
  get.mutable_context()->set_campaign_id("camp-5");
  get.mutable_context()->set_reason("customer called about a bill");
  v1::GetCustomerResponse got;
  ASSERT_TRUE(stub_->GetCustomer(As("sup-li", "supervisor").get(), get, &got).ok());

  std::vector<v1::AccessAuditEntry> entries = AuditOf(customer.customer_id());
  ASSERT_EQ(entries.size(), 1u);
  const v1::AccessAuditEntry& e = entries[0];
  EXPECT_FALSE(e.entry_id().empty());
  EXPECT_EQ(e.customer_id(), customer.customer_id());
  EXPECT_EQ(e.actor().actor_id(), "sup-li");
  EXPECT_EQ(e.actor().role(), telemarketing::common::v1::ROLE_SUPERVISOR);
  EXPECT_EQ(e.actor().region_id(), "e2e");
  EXPECT_EQ(e.kind(), v1::ACCESS_KIND_READ_UNMASKED);  // supervisors see whole numbers
  EXPECT_EQ(e.method(), std::string(kMethods) + "GetCustomer");
  EXPECT_EQ(Revealed(e), (std::set<std::string>{"display_name", "residence.street_address",
                                                "contact_points"}));
  EXPECT_EQ(e.call_id(), "call-77");
  EXPECT_EQ(e.campaign_id(), "camp-5");
  EXPECT_EQ(e.reason(), "customer called about a bill");
  EXPECT_EQ(e.region_id(), "e2e");
  EXPECT_EQ(e.peer().rfind("ipv4:127.0.0.1:", 0), 0u) << e.peer();
  const auto at =
      std::chrono::system_clock::time_point(std::chrono::seconds(e.access_time().seconds()));
  EXPECT_GE(at, before - std::chrono::seconds(5));
  EXPECT_LE(at, std::chrono::system_clock::now() + std::chrono::seconds(5));
}

TEST_F(ContactsAuditEndToEnd, AnAgentsMaskedReadIsAReadThatRevealsNoNumber) {
  v1::Customer customer = Create("139 4000 0002");
  v1::GetCustomerRequest get;
  get.set_customer_id(customer.customer_id());
  v1::GetCustomerResponse got;
  ASSERT_TRUE(stub_->GetCustomer(As("agent-wu", "agent").get(), get, &got).ok());
  ASSERT_TRUE(got.customer().contact_points(0).masked());
  std::vector<v1::AccessAuditEntry> entries = AuditOf(customer.customer_id());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind(), v1::ACCESS_KIND_READ);
  EXPECT_EQ(entries[0].actor().role(), telemarketing::common::v1::ROLE_AGENT);
  EXPECT_EQ(Revealed(entries[0]),
            (std::set<std::string>{"display_name", "residence.street_address"}));
}

// CUSTOMER_VIEW_UNMASKED (R6): an agent on a call gets the numbers, audited with the call;
// asking without the call or the role is refused, never answered masked as if it were granted.
TEST_F(ContactsAuditEndToEnd, AnAgentOnACallReadsNumbersInTheClearAndOthersAreRefused) {
  v1::Customer customer = Create("139 4000 0006");
  const std::string agent = testing::UniqueName("agent");

  v1::GetCustomerRequest get;
  get.set_customer_id(customer.customer_id());
  get.set_view(v1::CUSTOMER_VIEW_UNMASKED);
  v1::GetCustomerResponse got;
  grpc::Status refused = stub_->GetCustomer(As(agent, "agent").get(), get, &got);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();
  EXPECT_NE(refused.error_message().find("context.call_id"), std::string::npos);
  EXPECT_TRUE(AuditOf(customer.customer_id()).empty()) << "a refused read reveals nothing";

  get.mutable_context()->set_call_id("call-88");
  ASSERT_TRUE(stub_->GetCustomer(As(agent, "agent").get(), get, &got).ok());
  ASSERT_EQ(got.customer().contact_points_size(), 1);
  EXPECT_FALSE(got.customer().contact_points(0).masked());
  EXPECT_EQ(got.customer().contact_points(0).normalized_value(), "+8613940000006");
  std::vector<v1::AccessAuditEntry> entries = AuditOf(customer.customer_id());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].kind(), v1::ACCESS_KIND_READ_UNMASKED);
  EXPECT_EQ(entries[0].actor().actor_id(), agent);
  EXPECT_EQ(entries[0].call_id(), "call-88");

  v1::LookupCustomersByPhoneRequest lookup;
  lookup.set_phone_number("13940000006");
  lookup.set_view(v1::CUSTOMER_VIEW_UNMASKED);
  lookup.mutable_context()->set_call_id("call-88");
  v1::LookupCustomersByPhoneResponse looked_up;
  ASSERT_TRUE(stub_->LookupCustomersByPhone(As(agent, "agent").get(), lookup, &looked_up).ok());
  EXPECT_EQ(looked_up.normalized_phone_number(), "+8613940000006");
  ASSERT_EQ(looked_up.customers_size(), 1);
  EXPECT_FALSE(looked_up.customers(0).contact_points(0).masked());

  // Listings and searches carry no call; QA analysts never need the numbers.
  v1::SearchCustomersRequest search;
  search.set_query("13940000006");
  search.set_view(v1::CUSTOMER_VIEW_UNMASKED);
  v1::SearchCustomersResponse searched;
  EXPECT_EQ(stub_->SearchCustomers(As(agent, "agent").get(), search, &searched).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListCustomersRequest list;
  list.set_view(v1::CUSTOMER_VIEW_UNMASKED);
  v1::ListCustomersResponse listed;
  EXPECT_EQ(stub_->ListCustomers(As(agent, "agent").get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::BatchGetCustomersRequest batch;
  batch.add_customer_ids(customer.customer_id());
  batch.set_view(v1::CUSTOMER_VIEW_UNMASKED);
  batch.mutable_context()->set_call_id("call-88");
  v1::BatchGetCustomersResponse batched;
  EXPECT_EQ(stub_->BatchGetCustomers(As(testing::UniqueName("qa"), "qa_analyst").get(), batch,
                                     &batched)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An unknown view is a bad field, whoever asks.
  list.set_view(static_cast<v1::CustomerView>(9));
  EXPECT_EQ(stub_->ListCustomers(As("sup-li", "supervisor").get(), list, &listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(AuditOf(customer.customer_id()).size(), 2u) << "only the two granted reads";
}

// Batch reads, lookups, searches, listings, history and updates all answer with personal data.
TEST_F(ContactsAuditEndToEnd, EveryReadThatAnswersWithPersonalDataIsAudited) {
  v1::Customer a = Create("139 4000 0003"), b = Create("139 4000 0004");
  const std::string reader = testing::UniqueName("qa");
  auto as_reader = [&] { return As(reader, "qa_analyst"); };

  v1::BatchGetCustomersRequest batch;
  batch.add_customer_ids(a.customer_id());
  batch.add_customer_ids(b.customer_id());
  v1::BatchGetCustomersResponse batched;
  ASSERT_TRUE(stub_->BatchGetCustomers(as_reader().get(), batch, &batched).ok());
  v1::LookupCustomersByPhoneRequest lookup;
  lookup.set_phone_number("13940000003");
  v1::LookupCustomersByPhoneResponse looked_up;
  ASSERT_TRUE(stub_->LookupCustomersByPhone(as_reader().get(), lookup, &looked_up).ok());
  v1::SearchCustomersRequest search;
  search.set_query("13940000004");
  v1::SearchCustomersResponse searched;
  ASSERT_TRUE(stub_->SearchCustomers(as_reader().get(), search, &searched).ok());
  v1::UpdateCustomerRequest update;
  update.set_request_id(testing::UniqueName("req"));
  update.mutable_customer()->set_customer_id(a.customer_id());
  update.mutable_customer()->set_occupation("teacher");
  update.mutable_update_mask()->add_paths("occupation");
  v1::UpdateCustomerResponse updated;
  ASSERT_TRUE(stub_->UpdateCustomer(As(reader, "supervisor").get(), update, &updated).ok());
  v1::ListProfileChangesRequest history;
  history.set_customer_id(a.customer_id());
  v1::ListProfileChangesResponse changes;
  ASSERT_TRUE(stub_->ListProfileChanges(as_reader().get(), history, &changes).ok());
  ASSERT_EQ(changes.changes_size(), 1);

  v1::ListAccessAuditEntriesRequest by_reader;
  by_reader.set_actor_id(reader);
  std::multiset<std::pair<std::string, std::string>> seen;  // (method, customer) per entry
  std::map<std::string, v1::AccessKind> kinds;
  for (const v1::AccessAuditEntry& e : Audit(by_reader)) {
    std::string method = e.method().substr(sizeof(kMethods) - 1);
    seen.insert({method, e.customer_id() == a.customer_id() ? "a" : "b"});
    kinds[method] = e.kind();
    if (method == "ListProfileChanges") {
      EXPECT_EQ(Revealed(e), std::set<std::string>{"occupation"});
    }
  }
  EXPECT_EQ(seen, (std::multiset<std::pair<std::string, std::string>>{
                      {"BatchGetCustomers", "a"}, {"BatchGetCustomers", "b"},
                      {"LookupCustomersByPhone", "a"}, {"SearchCustomers", "b"},
                      {"UpdateCustomer", "a"}, {"ListProfileChanges", "a"}}));
  EXPECT_EQ(kinds["BatchGetCustomers"], v1::ACCESS_KIND_READ);  // QA analysts get masked numbers
  EXPECT_EQ(kinds["UpdateCustomer"], v1::ACCESS_KIND_READ_UNMASKED);  // the supervisor does not
  EXPECT_EQ(kinds["LookupCustomersByPhone"], v1::ACCESS_KIND_LOOKUP_BY_PHONE);
  EXPECT_EQ(kinds["SearchCustomers"], v1::ACCESS_KIND_SEARCH);
  EXPECT_EQ(kinds["ListProfileChanges"], v1::ACCESS_KIND_HISTORY_READ);
}

TEST_F(ContactsAuditEndToEnd, OnlyAdministratorsReadTheLogAndBadQueriesAreRefused) {
  v1::ListAccessAuditEntriesRequest request;
  v1::ListAccessAuditEntriesResponse response;
  EXPECT_EQ(stub_->ListAccessAuditEntries(As("sup-li", "supervisor").get(), request, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  request.set_customer_id("not-a-uuid");
  request.set_page_size(5000);
  request.mutable_start_time()->set_seconds(2'000'000'000);
  request.mutable_end_time()->set_seconds(1'000'000'000);
  EXPECT_EQ(
      stub_->ListAccessAuditEntries(As("dpo", "admin").get(), request, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  // A page token belongs to its filter.
  v1::Customer customer = Create("139 4000 0005");
  for (int i = 0; i < 2; ++i) {
    v1::GetCustomerRequest get;
    get.set_customer_id(customer.customer_id());
    v1::GetCustomerResponse got;
    ASSERT_TRUE(stub_->GetCustomer(As("sup-li", "supervisor").get(), get, &got).ok());
  }
  v1::ListAccessAuditEntriesRequest first;
  first.set_customer_id(customer.customer_id());
  first.set_page_size(1);
  ASSERT_TRUE(stub_->ListAccessAuditEntries(As("dpo", "admin").get(), first, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  v1::ListAccessAuditEntriesRequest other;
  other.set_actor_id("sup-li");
  other.set_page_token(response.next_page_token());
  EXPECT_EQ(stub_->ListAccessAuditEntries(As("dpo", "admin").get(), other, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace tmk
