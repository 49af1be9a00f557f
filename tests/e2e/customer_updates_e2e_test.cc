// Profile completion through the running suite (R3): update with a mask during a call, optimistic
// concurrency, bad masks, the who/when/which-call history, the new snapshot on Kafka, and the
// customer found by list, search and phone lookup — masked for an agent (R6).
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/common/auth/jwt_test_util.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
using auth::testing::kSecret;
using auth::testing::SignHs256;

std::string Token(const std::string& role) {
  long long now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return SignHs256(kSecret, {{"iss", "https://idp.example"},
                             {"aud", "telemarketing"},
                             {"sub", "user-" + role},
                             {"iat", now - 5},
                             {"exp", now + 600},
                             {"roles", std::vector<std::string>{role}},
                             {"regions", std::vector<std::string>{"e2e"}}});
}

class CustomerUpdatesEndToEnd : public testing::ContactsSuiteTest<CustomerUpdatesEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() {
    return 
        {"e2e", "contacts",
         {"--auth-mode=jwt", "--auth-hs256-secret=" + std::string(kSecret),
          "--auth-audience=telemarketing", "--auth-issuer=https://idp.example"}};
  }

 protected:
  std::unique_ptr<grpc::ClientContext> As(const std::string& role) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + Token(role));
    return context;
  }

  v1::Customer Create(const std::string& name, const std::string& phone) {
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("req"));
    v1::Customer* c = request.mutable_customer();
    c->set_display_name(name);
    c->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c->set_external_id(testing::UniqueName("crm"));
    c->mutable_residence()->set_city_code("4401");
    v1::ContactPoint* p = c->add_contact_points();
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(phone);
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_->CreateCustomer(As("supervisor").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

};


TEST_F(CustomerUpdatesEndToEnd, AgentCompletesTheProfileDuringACall) {
  v1::Customer created = Create("林晓", "139 3100 0001");
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contacts.v1");

  v1::UpdateCustomerRequest update;
  update.set_request_id(testing::UniqueName("upd"));
  *update.mutable_customer() = created;
  update.mutable_customer()->set_occupation("teacher");
  update.mutable_customer()->mutable_residence()->set_city_code("4403");
  update.mutable_customer()->mutable_contact_points(0)->set_value("13931000001");  // same number
  v1::ContactPoint* added = update.mutable_customer()->add_contact_points();
  added->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  added->set_value("139 3100 0002");
  for (const char* path : {"occupation", "residence.city_code", "contact_points", "display_name"}) {
    update.mutable_update_mask()->add_paths(path);
  }
  update.mutable_context()->set_call_id("call-42");
  update.mutable_context()->set_campaign_id("camp-7");
  v1::UpdateCustomerResponse updated;
  grpc::Status status = stub_->UpdateCustomer(As("agent").get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.customer().occupation(), "teacher");
  EXPECT_NE(updated.customer().etag(), created.etag());
  ASSERT_EQ(updated.customer().contact_points_size(), 2);
  EXPECT_EQ(updated.customer().contact_points(0).contact_point_id(),
            created.contact_points(0).contact_point_id());
  EXPECT_TRUE(updated.customer().contact_points(1).masked());  // an agent sees masked numbers
  EXPECT_EQ(updated.customer().contact_points(1).value().find("31000002"), std::string::npos);

  // The same request again: the same customer, no second version.
  v1::UpdateCustomerResponse retried;
  ASSERT_TRUE(stub_->UpdateCustomer(As("agent").get(), update, &retried).ok());
  EXPECT_EQ(retried.customer().etag(), updated.customer().etag());

  // A stale etag is ABORTED with ETAG_MISMATCH.
  v1::UpdateCustomerRequest stale = update;
  stale.set_request_id(testing::UniqueName("upd"));
  stale.mutable_customer()->set_occupation("nurse");
  v1::UpdateCustomerResponse ignored;
  status = stub_->UpdateCustomer(As("agent").get(), stale, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(testing::ErrorReason(status), "ETAG_MISMATCH");

  // A bad mask path is INVALID_ARGUMENT naming the path.
  v1::UpdateCustomerRequest bad = update;
  bad.set_request_id(testing::UniqueName("upd"));
  bad.mutable_update_mask()->clear_paths();
  bad.mutable_update_mask()->add_paths("occupation");
  bad.mutable_update_mask()->add_paths("etag");
  status = stub_->UpdateCustomer(As("agent").get(), bad, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations.begin()->first, "update_mask.paths[1]");

  // History: who, when, which call, old -> new; display_name did not change, so no row.
  v1::ListProfileChangesRequest history;
  history.set_customer_id(created.customer_id());
  v1::ListProfileChangesResponse changes;
  ASSERT_TRUE(stub_->ListProfileChanges(As("supervisor").get(), history, &changes).ok());
  ASSERT_EQ(changes.changes_size(), 3);
  std::map<std::string, v1::ProfileChange> by_path;
  for (const auto& c : changes.changes()) by_path[c.field_path()] = c;
  ASSERT_TRUE(by_path.count("occupation"));
  const v1::ProfileChange& occupation = by_path["occupation"];
  EXPECT_EQ(occupation.actor().actor_id(), "user-agent");
  EXPECT_EQ(occupation.actor().role(), telemarketing::common::v1::ROLE_AGENT);
  EXPECT_EQ(occupation.call_id(), "call-42");
  EXPECT_EQ(occupation.campaign_id(), "camp-7");
  EXPECT_EQ(occupation.origin(), v1::CHANGE_ORIGIN_AGENT);
  EXPECT_GT(occupation.change_time().seconds(), 0);
  EXPECT_EQ(occupation.old_value().string_value(), "");
  EXPECT_EQ(occupation.new_value().string_value(), "teacher");
  EXPECT_EQ(by_path["residence.city_code"].old_value().string_value(), "4401");
  EXPECT_EQ(by_path["residence.city_code"].new_value().string_value(), "4403");
  EXPECT_EQ(by_path["contact_points"].new_value().list_value().values_size(), 2);

  history.set_page_size(2);
  v1::ListProfileChangesResponse page1, page2;
  ASSERT_TRUE(stub_->ListProfileChanges(As("supervisor").get(), history, &page1).ok());
  ASSERT_EQ(page1.changes_size(), 2);
  ASSERT_FALSE(page1.next_page_token().empty());
  history.set_page_token(page1.next_page_token());
  ASSERT_TRUE(stub_->ListProfileChanges(As("supervisor").get(), history, &page2).ok());
  EXPECT_EQ(page2.changes_size(), 1);
  EXPECT_TRUE(page2.next_page_token().empty());

  // The new snapshot on Kafka.
  auto events = reader.ReadUntil(
      [&](const auto& got) {
        for (const auto& e : got) {
          telemarketing::events::v1::CustomerSnapshot s;
          if (e.key == created.customer_id() && s.ParseFromString(e.payload) &&
              s.customer().occupation() == "teacher") {
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(30));
  bool seen = false;
  for (const auto& e : events) {
    telemarketing::events::v1::CustomerSnapshot s;
    if (e.key == created.customer_id() && s.ParseFromString(e.payload) &&
        s.customer().occupation() == "teacher") {
      seen = true;
      EXPECT_EQ(s.customer().residence().city_code(), "4403");
      EXPECT_EQ(s.customer().contact_points_size(), 2);
      EXPECT_EQ(s.customer().etag(), updated.customer().etag());
    }
  }
  EXPECT_TRUE(seen) << "no updated CustomerSnapshot on tm.contacts.v1";
}

TEST_F(CustomerUpdatesEndToEnd, ListSearchLookupAndBatchGetFindTheCustomer) {
  std::string name = testing::UniqueName("Zed");
  v1::Customer created = Create(name, "139 3200 0001");

  v1::LookupCustomersByPhoneRequest lookup;
  lookup.set_phone_number("+86 139 3200 0001");
  v1::LookupCustomersByPhoneResponse found;
  ASSERT_TRUE(stub_->LookupCustomersByPhone(As("supervisor").get(), lookup, &found).ok());
  EXPECT_EQ(found.normalized_phone_number(), "+8613932000001");
  ASSERT_GE(found.customers_size(), 1);
  EXPECT_EQ(found.customers(0).contact_points(0).value(), "139 3200 0001");
  v1::LookupCustomersByPhoneResponse as_agent;
  ASSERT_TRUE(stub_->LookupCustomersByPhone(As("agent").get(), lookup, &as_agent).ok());
  ASSERT_GE(as_agent.customers_size(), 1);
  EXPECT_TRUE(as_agent.customers(0).contact_points(0).masked());
  EXPECT_NE(as_agent.customers(0).contact_points(0).normalized_value(), "+8613932000001");

  // Names are encrypted at rest (R6): the whole name finds the customer, whatever its letter case
  // and spacing; a prefix no longer does.
  auto search_hits = [&](const std::string& query) {
    v1::SearchCustomersRequest search;
    search.set_query(query);
    v1::SearchCustomersResponse result;
    EXPECT_TRUE(stub_->SearchCustomers(As("agent").get(), search, &result).ok()) << query;
    bool hit = false;
    for (const auto& c : result.customers()) hit |= c.customer_id() == created.customer_id();
    return hit;
  };
  for (const std::string& query : {" " + absl::AsciiStrToUpper(name) + " ", created.external_id(),
                                   created.customer_id(), std::string("13932000001")}) {
    EXPECT_TRUE(search_hits(query)) << "search for '" << query << "'";
  }
  EXPECT_FALSE(search_hits(name.substr(0, name.size() - 2)));
  v1::ListCustomersRequest by_name;
  by_name.set_order_by("display_name");
  v1::ListCustomersResponse unordered;
  EXPECT_EQ(stub_->ListCustomers(As("supervisor").get(), by_name, &unordered).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListCustomersRequest list;
  list.set_filter("residence.city_code = \"4401\"");
  list.set_page_size(1);
  std::set<std::string> listed;
  for (int page = 0; page < 1000; ++page) {
    v1::ListCustomersResponse response;
    grpc::Status status = stub_->ListCustomers(As("supervisor").get(), list, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& c : response.customers()) {
      EXPECT_TRUE(listed.insert(c.customer_id()).second) << "listed twice";
    }
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_TRUE(listed.count(created.customer_id()));
  v1::ListCustomersRequest bad_filter;
  bad_filter.set_filter("agee > 3");
  v1::ListCustomersResponse ignored;
  EXPECT_EQ(stub_->ListCustomers(As("supervisor").get(), bad_filter, &ignored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::BatchGetCustomersRequest batch;
  batch.add_customer_ids(created.customer_id());
  batch.add_customer_ids("0190f0f0-0000-7000-8000-000000000001");
  v1::BatchGetCustomersResponse got;
  ASSERT_TRUE(stub_->BatchGetCustomers(As("agent").get(), batch, &got).ok());
  ASSERT_EQ(got.customers_size(), 1);
  EXPECT_EQ(got.customers(0).customer_id(), created.customer_id());
  EXPECT_TRUE(got.customers(0).contact_points(0).masked());
  ASSERT_EQ(got.missing_customer_ids_size(), 1);
}

// Erasure is for administrators and integrators (R6): an agent or a supervisor is refused and
// nothing is erased.
TEST_F(CustomerUpdatesEndToEnd, OnlyAdministratorsAndIntegratorsErase) {
  v1::Customer created = Create("郑敏", "139 3100 0077");
  for (const char* role : {"agent", "supervisor"}) {
    v1::DeleteCustomerRequest request;
    request.set_request_id(testing::UniqueName("erase"));
    request.set_customer_id(created.customer_id());
    v1::DeleteCustomerResponse response;
    EXPECT_EQ(stub_->DeleteCustomer(As(role).get(), request, &response).error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << role;
  }
  v1::GetCustomerRequest get;
  get.set_customer_id(created.customer_id());
  v1::GetCustomerResponse still;
  ASSERT_TRUE(stub_->GetCustomer(As("admin").get(), get, &still).ok());

  v1::DeleteCustomerRequest request;
  request.set_request_id(testing::UniqueName("erase"));
  request.set_customer_id(created.customer_id());
  v1::DeleteCustomerResponse response;
  grpc::Status erased = stub_->DeleteCustomer(As("integrator").get(), request, &response);
  ASSERT_TRUE(erased.ok()) << erased.error_message();
  EXPECT_EQ(stub_->GetCustomer(As("admin").get(), get, &still).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tmk
