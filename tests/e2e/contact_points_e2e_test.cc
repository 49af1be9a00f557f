// Contact points, interactions and custom attribute definitions through the running suite:
// list screening makes a number non-callable and CheckCallable says why (R2); a batch of statuses
// is all or nothing; an agent adds a number during a call and the history says who, when and
// which call (R3); the new snapshot reaches tm.contacts.v1 (R5); other services attach
// references to calls and recordings (R4); and custom attributes follow their definitions (R1).
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

class ContactPointsEndToEnd : public testing::JwtSuiteTest<ContactPointsEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kServices[] = "contacts";

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    stub_ = v1::ContactsService::NewStub(suite_->channel());
  }

  // A B2C customer with these mobile numbers, created by a supervisor.
  v1::Customer Create(const std::vector<std::string>& phones) {
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("create"));
    v1::Customer* c = request.mutable_customer();
    c->set_display_name("郑红");
    c->set_kind(common::CUSTOMER_KIND_B2C);
    for (const std::string& phone : phones) {
      v1::ContactPoint* p = c->add_contact_points();
      p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
      p->set_value(phone);
    }
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_->CreateCustomer(As("sup-1").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  v1::Customer Get(const std::string& customer_id) {
    v1::GetCustomerRequest request;
    request.set_customer_id(customer_id);
    v1::GetCustomerResponse response;
    grpc::Status status = stub_->GetCustomer(As("sup-1").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  // The verdict on one point for a service call (no consent needed: only screening and DNC).
  v1::CallableVerdict Verdict(const std::string& customer_id, const std::string& point_id) {
    v1::CheckCallableRequest request;
    v1::CallableQuery* q = request.add_queries();
    q->set_customer_id(customer_id);
    q->set_contact_point_id(point_id);
    request.set_purpose(common::CONTACT_PURPOSE_SERVICE);
    v1::CheckCallableResponse response;
    grpc::Status status =
        stub_->CheckCallable(As("dialer", {"integrator"}).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.verdicts_size(), 1);
    return response.verdicts_size() == 1 ? response.verdicts(0) : v1::CallableVerdict();
  }

  std::vector<v1::ProfileChange> History(const std::string& customer_id) {
    v1::ListProfileChangesRequest request;
    request.set_customer_id(customer_id);
    request.add_field_paths("contact_points");
    v1::ListProfileChangesResponse response;
    grpc::Status status = stub_->ListProfileChanges(As("sup-1").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.changes().begin(), response.changes().end()};
  }

  std::unique_ptr<v1::ContactsService::Stub> stub_;
};

TEST_F(ContactPointsEndToEnd, ListScreeningMakesAWrongPartyNumberNonCallableEverywhere) {
  v1::Customer customer = Create({"139 4100 0001", "139 4100 0002"});
  ASSERT_EQ(customer.contact_points_size(), 2);
  const std::string wrong = customer.contact_points(0).contact_point_id();
  const std::string other = customer.contact_points(1).contact_point_id();
  EXPECT_TRUE(Verdict(customer.customer_id(), wrong).callable());

  // Dialing reports the outcome of a call: the number reaches someone else.
  v1::UpdateContactPointRequest update;
  update.set_request_id(testing::UniqueName("screen"));
  update.set_customer_id(customer.customer_id());
  update.mutable_contact_point()->set_contact_point_id(wrong);
  update.mutable_contact_point()->set_status(v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  update.mutable_update_mask()->add_paths("status");
  update.mutable_context()->set_call_id("call-901");
  update.mutable_context()->set_reason("call outcome WRONG_PARTY");
  v1::UpdateContactPointResponse updated;
  grpc::Status status =
      stub_->UpdateContactPoint(As("dialer", {"integrator"}).get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.contact_point().status(), v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  EXPECT_EQ(updated.contact_point().status_call_id(), "call-901");
  EXPECT_EQ(updated.contact_point().status_reason(), "call outcome WRONG_PARTY");
  EXPECT_GT(updated.contact_point().status_update_time().seconds(), 0);

  v1::CallableVerdict verdict = Verdict(customer.customer_id(), wrong);
  EXPECT_FALSE(verdict.callable());
  ASSERT_EQ(verdict.reasons_size(), 1);
  EXPECT_EQ(verdict.reasons(0), v1::NON_CALLABLE_REASON_WRONG_PARTY);
  EXPECT_TRUE(Verdict(customer.customer_id(), other).callable());

  // The status, why and which call are kept with the point, and the change is in the history.
  v1::Customer stored = Get(customer.customer_id());
  EXPECT_EQ(stored.contact_points(0).status_call_id(), "call-901");
  std::vector<v1::ProfileChange> history = History(customer.customer_id());
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].field_path(), "contact_points." + wrong + ".status");
  EXPECT_EQ(history[0].old_value().string_value(), "CONTACT_POINT_STATUS_UNVERIFIED");
  EXPECT_EQ(history[0].new_value().string_value(), "CONTACT_POINT_STATUS_WRONG_PARTY");
  EXPECT_EQ(history[0].call_id(), "call-901");
  EXPECT_EQ(history[0].actor().actor_id(), "dialer");

  // Bad input: an unknown mask path and a missing point id, named field by field.
  v1::UpdateContactPointRequest bad = update;
  bad.set_request_id(testing::UniqueName("screen"));
  bad.mutable_contact_point()->clear_contact_point_id();
  bad.mutable_update_mask()->add_paths("type");
  status = stub_->UpdateContactPoint(As("dialer", {"integrator"}).get(), bad, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  EXPECT_EQ(violations.count("contact_point.contact_point_id"), 1u);
  EXPECT_EQ(violations.count("update_mask.paths[1]"), 1u);
}

TEST_F(ContactPointsEndToEnd, ABatchOfStatusesIsAllOrNothing) {
  v1::Customer first = Create({"139 4200 0001", "139 4200 0002"});
  v1::Customer second = Create({"139 4200 0003"});
  auto entry = [](const v1::Customer& c, int point, v1::ContactPointStatus status) {
    v1::ContactPointStatusUpdate u;
    u.set_customer_id(c.customer_id());
    u.set_contact_point_id(c.contact_points(point).contact_point_id());
    u.set_status(status);
    u.set_reason("list screening 2026-06");
    return u;
  };
  v1::BatchUpdateContactPointStatusesRequest batch;
  batch.set_request_id(testing::UniqueName("batch"));
  *batch.add_updates() = entry(first, 0, v1::CONTACT_POINT_STATUS_INVALID_NUMBER);
  *batch.add_updates() = entry(second, 0, v1::CONTACT_POINT_STATUS_UNSPECIFIED);  // bad
  *batch.add_updates() = entry(first, 1, v1::CONTACT_POINT_STATUS_DISCONNECTED);
  v1::BatchUpdateContactPointStatusesResponse response;
  grpc::Status status = stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), batch, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations.begin()->first, "updates[1].status");

  // A point that does not exist, after two that do: NOT_FOUND, and nothing written.
  batch.mutable_updates(1)->set_status(v1::CONTACT_POINT_STATUS_VALID);
  v1::BatchUpdateContactPointStatusesRequest missing = batch;
  missing.mutable_updates(2)->set_contact_point_id(first.customer_id());  // a UUID, not a point
  status = stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), missing, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(status.error_message().find("updates[2].contact_point_id"), std::string::npos);
  for (const v1::Customer& c : {first, second}) {
    const v1::Customer stored = Get(c.customer_id());
    for (const v1::ContactPoint& p : stored.contact_points()) {
      EXPECT_EQ(p.status(), v1::CONTACT_POINT_STATUS_UNVERIFIED) << "a refused batch wrote";
    }
  }

  // Only supervisors, administrators and integrating services screen lists.
  status = stub_->BatchUpdateContactPointStatuses(As("agent-1", {"agent"}).get(), batch, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), batch, &response).ok());
  ASSERT_EQ(response.contact_points_size(), 3);
  EXPECT_EQ(response.contact_points(0).status(), v1::CONTACT_POINT_STATUS_INVALID_NUMBER);
  EXPECT_EQ(response.contact_points(1).status(), v1::CONTACT_POINT_STATUS_VALID);
  EXPECT_EQ(response.contact_points(2).status(), v1::CONTACT_POINT_STATUS_DISCONNECTED);
  EXPECT_EQ(response.contact_points(2).status_reason(), "list screening 2026-06");
  EXPECT_EQ(Get(first.customer_id()).contact_points(1).status(),
            v1::CONTACT_POINT_STATUS_DISCONNECTED);
  v1::CallableVerdict verdict;
  {
    v1::CheckCallableRequest check;
    check.set_purpose(common::CONTACT_PURPOSE_SERVICE);
    check.add_queries()->set_customer_id(first.customer_id());
    v1::CheckCallableResponse callable;
    ASSERT_TRUE(stub_->CheckCallable(As("sup-1").get(), check, &callable).ok());
    std::set<int> reasons;
    for (const auto& v : callable.verdicts()) {
      EXPECT_FALSE(v.callable());
      for (int r : v.reasons()) reasons.insert(r);
    }
    EXPECT_EQ(reasons, (std::set<int>{v1::NON_CALLABLE_REASON_INVALID_NUMBER,
                                      v1::NON_CALLABLE_REASON_DISCONNECTED}));
  }

  // The same request again answers the same; the key with another batch is refused.
  v1::BatchUpdateContactPointStatusesResponse again;
  ASSERT_TRUE(stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), batch, &again).ok());
  EXPECT_EQ(again.contact_points_size(), 3);
  EXPECT_EQ(again.contact_points(0).status_update_time(),
            response.contact_points(0).status_update_time());
  status = stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), missing, &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::ErrorReason(status), "REQUEST_ID_REUSED");

  // An oversized batch is refused whole.
  v1::BatchUpdateContactPointStatusesRequest oversized;
  oversized.set_request_id(testing::UniqueName("batch"));
  for (int i = 0; i < 1001; ++i) *oversized.add_updates() = batch.updates(0);
  status = stub_->BatchUpdateContactPointStatuses(As("sup-1").get(), oversized, &again);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("updates"), 1u);
}

TEST_F(ContactPointsEndToEnd, AnAgentAddsANumberDuringACallAndTheSnapshotCarriesIt) {
  v1::Customer customer = Create({"139 4300 0001"});
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contacts.v1");

  v1::CreateContactPointRequest add;
  add.set_request_id(testing::UniqueName("add"));
  add.set_customer_id(customer.customer_id());
  add.mutable_contact_point()->set_type(v1::CONTACT_POINT_TYPE_FIXED_LINE);
  add.mutable_contact_point()->set_value("020-8765 4321");
  add.mutable_contact_point()->set_label("office");
  add.mutable_contact_point()->set_primary(true);
  add.mutable_context()->set_call_id("call-3001");
  add.mutable_context()->set_campaign_id("camp-9");
  v1::CreateContactPointResponse added;
  grpc::Status status = stub_->CreateContactPoint(As("agent-7", {"agent"}).get(), add, &added);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string point_id = added.contact_point().contact_point_id();
  EXPECT_FALSE(point_id.empty());
  EXPECT_TRUE(added.contact_point().masked());  // an agent sees the number masked (R6)
  EXPECT_EQ(added.contact_point().status(), v1::CONTACT_POINT_STATUS_UNVERIFIED);
  EXPECT_EQ(added.contact_point().source(), "agent:call-3001");
  EXPECT_EQ(added.contact_point().label(), "office");

  // The retry answers with the same point; the same number again is a duplicate.
  v1::CreateContactPointResponse retried;
  ASSERT_TRUE(stub_->CreateContactPoint(As("agent-7", {"agent"}).get(), add, &retried).ok());
  EXPECT_EQ(retried.contact_point().contact_point_id(), point_id);
  v1::CreateContactPointRequest duplicate = add;
  duplicate.set_request_id(testing::UniqueName("add"));
  duplicate.mutable_contact_point()->set_value("+86 20 87654321");
  status = stub_->CreateContactPoint(As("agent-7", {"agent"}).get(), duplicate, &retried);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::ErrorReason(status), "DUPLICATE_CONTACT_POINT");
  // A malformed number is named; nothing is written.
  duplicate.mutable_contact_point()->set_value("12-34");
  status = stub_->CreateContactPoint(As("agent-7", {"agent"}).get(), duplicate, &retried);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("contact_point.value"), 1u);
  // An unknown customer is NOT_FOUND.
  duplicate.set_customer_id(point_id);
  duplicate.mutable_contact_point()->set_value("139 4300 0009");
  status = stub_->CreateContactPoint(As("agent-7", {"agent"}).get(), duplicate, &retried);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  v1::Customer stored = Get(customer.customer_id());
  ASSERT_EQ(stored.contact_points_size(), 2);
  EXPECT_EQ(stored.contact_points(1).normalized_value(), "+862087654321");

  // History: who, when, which call, the new point (R3); masked for an agent, clear for others.
  std::vector<v1::ProfileChange> history = History(customer.customer_id());
  ASSERT_EQ(history.size(), 1u);
  const v1::ProfileChange& change = history[0];
  EXPECT_EQ(change.field_path(), "contact_points." + point_id);
  EXPECT_EQ(change.actor().actor_id(), "agent-7");
  EXPECT_EQ(change.call_id(), "call-3001");
  EXPECT_EQ(change.campaign_id(), "camp-9");
  EXPECT_EQ(change.origin(), v1::CHANGE_ORIGIN_AGENT);
  EXPECT_EQ(change.old_value().kind_case(), google::protobuf::Value::kNullValue);
  EXPECT_EQ(change.new_value().struct_value().fields().at("normalized_value").string_value(),
            "+862087654321");

  // The snapshot on tm.contacts.v1 carries the new point (R5).
  auto carries_point = [&](const events::ConsumedEvent& e) {
    telemarketing::events::v1::CustomerSnapshot s;
    if (e.key != customer.customer_id() || !s.ParseFromString(e.payload)) return false;
    for (const v1::ContactPoint& p : s.customer().contact_points()) {
      if (p.contact_point_id() == point_id) return true;
    }
    return false;
  };
  auto events = reader.ReadUntil(
      [&](const auto& got) { return std::any_of(got.begin(), got.end(), carries_point); },
      std::chrono::seconds(30));
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), carries_point))
      << "no CustomerSnapshot with the new contact point on tm.contacts.v1";

  // Removing the point is recorded too, and the next snapshot no longer has it.
  v1::DeleteContactPointRequest remove;
  remove.set_request_id(testing::UniqueName("del"));
  remove.set_customer_id(customer.customer_id());
  remove.set_contact_point_id(point_id);
  v1::DeleteContactPointResponse removed;
  ASSERT_TRUE(stub_->DeleteContactPoint(As("sup-1").get(), remove, &removed).ok());
  ASSERT_TRUE(stub_->DeleteContactPoint(As("sup-1").get(), remove, &removed).ok());  // a retry
  EXPECT_EQ(Get(customer.customer_id()).contact_points_size(), 1);
  history = History(customer.customer_id());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].new_value().kind_case(), google::protobuf::Value::kNullValue);
  remove.set_request_id(testing::UniqueName("del"));
  EXPECT_EQ(stub_->DeleteContactPoint(As("sup-1").get(), remove, &removed).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ContactPointsEndToEnd, OtherServicesAttachCallsAndRecordingsToTheTimeline) {
  v1::Customer customer = Create({"139 4400 0001"});
  auto attach = [&](v1::InteractionKind kind, const std::string& reference, int minute,
                    v1::CreateInteractionResponse* out) {
    v1::CreateInteractionRequest request;
    request.set_request_id(testing::UniqueName("attach"));
    v1::Interaction* i = request.mutable_interaction();
    i->set_customer_id(customer.customer_id());
    i->set_kind(kind);
    i->set_reference_id(reference);
    i->set_service(kind == v1::INTERACTION_KIND_RECORDING ? "recording" : "dialing");
    i->set_call_id("call-5001");
    TimeUtil::FromString("2026-06-01T10:0" + std::to_string(minute) + ":00Z",
                         i->mutable_occur_time());
    i->set_summary("REACHED, intention INTERESTED");
    return stub_->CreateInteraction(As("dialing", {"integrator"}).get(), request, out);
  };
  v1::CreateInteractionResponse call, recording, again;
  ASSERT_TRUE(attach(v1::INTERACTION_KIND_CALL, "call-5001", 1, &call).ok());
  ASSERT_TRUE(attach(v1::INTERACTION_KIND_RECORDING, "rec-5001", 2, &recording).ok());
  EXPECT_EQ(call.interaction().region_id(), "gd");
  // The same reference attached again (another request) answers with the first attachment.
  ASSERT_TRUE(attach(v1::INTERACTION_KIND_CALL, "call-5001", 3, &again).ok());
  EXPECT_EQ(again.interaction().interaction_id(), call.interaction().interaction_id());
  EXPECT_EQ(again.interaction().occur_time(), call.interaction().occur_time());

  v1::ListInteractionsRequest list;
  list.set_customer_id(customer.customer_id());
  list.set_page_size(1);
  v1::ListInteractionsResponse page1, page2;
  ASSERT_TRUE(stub_->ListInteractions(As("qa-1", {"qa_analyst"}).get(), list, &page1).ok());
  ASSERT_EQ(page1.interactions_size(), 1);
  EXPECT_EQ(page1.interactions(0).reference_id(), "rec-5001");  // newest first
  list.set_page_token(page1.next_page_token());
  ASSERT_TRUE(stub_->ListInteractions(As("qa-1", {"qa_analyst"}).get(), list, &page2).ok());
  ASSERT_EQ(page2.interactions_size(), 1);
  EXPECT_EQ(page2.interactions(0).reference_id(), "call-5001");
  EXPECT_EQ(page2.interactions(0).summary(), "REACHED, intention INTERESTED");
  list.clear_page_token();
  list.set_page_size(0);
  list.add_kinds(v1::INTERACTION_KIND_CALL);
  ASSERT_TRUE(stub_->ListInteractions(As("qa-1", {"qa_analyst"}).get(), list, &page1).ok());
  ASSERT_EQ(page1.interactions_size(), 1);
  EXPECT_TRUE(page1.next_page_token().empty());

  // Bad input is named field by field; an unknown customer is NOT_FOUND.
  v1::CreateInteractionRequest bad;
  bad.set_request_id(testing::UniqueName("attach"));
  bad.mutable_interaction()->set_customer_id(customer.customer_id());
  bad.mutable_interaction()->set_kind(static_cast<v1::InteractionKind>(99));
  grpc::Status status =
      stub_->CreateInteraction(As("dialing", {"integrator"}).get(), bad, &again);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  for (const char* field : {"interaction.kind", "interaction.reference_id", "interaction.service",
                            "interaction.occur_time"}) {
    EXPECT_EQ(violations.count(field), 1u) << field;
  }
  list.set_customer_id(call.interaction().interaction_id());
  EXPECT_EQ(stub_->ListInteractions(As("qa-1", {"qa_analyst"}).get(), list, &page1).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ContactPointsEndToEnd, CustomAttributesFollowTheirDefinitions) {
  const std::string key = testing::UniqueName("plan");  // lower_snake_case: plan_<hex>
  v1::CreateAttributeDefinitionRequest define;
  define.set_request_id(testing::UniqueName("define"));
  v1::AttributeDefinition* d = define.mutable_attribute_definition();
  d->set_attribute_key(key);
  d->set_display_name("套餐");
  d->set_type(v1::ATTRIBUTE_TYPE_ENUM);
  d->add_allowed_values("basic");
  d->add_allowed_values("family");
  v1::CreateAttributeDefinitionResponse defined;
  ASSERT_TRUE(stub_->CreateAttributeDefinition(As("admin-1", {"admin"}).get(), define, &defined)
                  .ok());
  EXPECT_FALSE(defined.attribute_definition().etag().empty());
  // Agents read the schema but do not define it; a second definition of the key is refused.
  EXPECT_EQ(stub_->CreateAttributeDefinition(As("agent-1", {"agent"}).get(), define, &defined)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  define.set_request_id(testing::UniqueName("define"));
  EXPECT_EQ(stub_->CreateAttributeDefinition(As("admin-1", {"admin"}).get(), define, &defined)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  v1::GetAttributeDefinitionRequest get;
  get.set_attribute_key(key);
  v1::GetAttributeDefinitionResponse got;
  ASSERT_TRUE(stub_->GetAttributeDefinition(As("agent-1", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.attribute_definition().allowed_values_size(), 2);

  // A customer carries the attribute: an allowed value is accepted, others are named.
  v1::Customer customer = Create({"139 4500 0001"});
  v1::UpdateCustomerRequest update;
  update.set_request_id(testing::UniqueName("upd"));
  update.mutable_customer()->set_customer_id(customer.customer_id());
  (*update.mutable_customer()->mutable_custom_attributes())[key].set_string_value("family");
  (*update.mutable_customer()->mutable_custom_attributes())["shoe_size"].set_int_value(42);
  update.mutable_update_mask()->add_paths("custom_attributes." + key);
  update.mutable_update_mask()->add_paths("custom_attributes.shoe_size");
  v1::UpdateCustomerResponse updated;
  grpc::Status status = stub_->UpdateCustomer(As("sup-1").get(), update, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations.begin()->first, "customer.custom_attributes[shoe_size]");
  (*update.mutable_customer()->mutable_custom_attributes())[key].set_string_value("gold");
  update.mutable_update_mask()->mutable_paths()->RemoveLast();
  status = stub_->UpdateCustomer(As("sup-1").get(), update, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("customer.custom_attributes[" + key + "]"), 1u);
  EXPECT_EQ(Get(customer.customer_id()).custom_attributes_size(), 0) << "a refused update wrote";
  (*update.mutable_customer()->mutable_custom_attributes())[key].set_string_value("family");
  ASSERT_TRUE(stub_->UpdateCustomer(As("sup-1").get(), update, &updated).ok());
  EXPECT_EQ(updated.customer().custom_attributes().at(key).string_value(), "family");

  // Allowed values grow; one still carried cannot go, nor can the definition.
  v1::UpdateAttributeDefinitionRequest grow;
  grow.set_request_id(testing::UniqueName("grow"));
  grow.mutable_attribute_definition()->set_attribute_key(key);
  grow.mutable_attribute_definition()->add_allowed_values("basic");
  grow.mutable_attribute_definition()->add_allowed_values("premium");
  grow.mutable_update_mask()->add_paths("allowed_values");
  v1::UpdateAttributeDefinitionResponse grown;
  status = stub_->UpdateAttributeDefinition(As("admin-1", {"admin"}).get(), grow, &grown);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "ALLOWED_VALUE_IN_USE");
  grow.mutable_attribute_definition()->add_allowed_values("family");
  grow.set_request_id(testing::UniqueName("grow"));
  ASSERT_TRUE(stub_->UpdateAttributeDefinition(As("admin-1", {"admin"}).get(), grow, &grown).ok());
  EXPECT_EQ(grown.attribute_definition().allowed_values_size(), 3);
  EXPECT_NE(grown.attribute_definition().etag(), defined.attribute_definition().etag());

  v1::DeleteAttributeDefinitionRequest drop;
  drop.set_request_id(testing::UniqueName("drop"));
  drop.set_attribute_key(key);
  v1::DeleteAttributeDefinitionResponse dropped;
  status = stub_->DeleteAttributeDefinition(As("admin-1", {"admin"}).get(), drop, &dropped);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "ATTRIBUTE_IN_USE");
  drop.set_etag(defined.attribute_definition().etag());  // stale since the update
  drop.set_request_id(testing::UniqueName("drop"));
  EXPECT_EQ(stub_->DeleteAttributeDefinition(As("admin-1", {"admin"}).get(), drop, &dropped)
                .error_code(),
            grpc::StatusCode::ABORTED);

  // Once no customer carries it, the definition goes; the key is then unknown again.
  update.set_request_id(testing::UniqueName("upd"));
  update.mutable_customer()->mutable_custom_attributes()->clear();
  ASSERT_TRUE(stub_->UpdateCustomer(As("sup-1").get(), update, &updated).ok());
  drop.set_etag(grown.attribute_definition().etag());
  drop.set_request_id(testing::UniqueName("drop"));
  ASSERT_TRUE(
      stub_->DeleteAttributeDefinition(As("admin-1", {"admin"}).get(), drop, &dropped).ok());
  EXPECT_EQ(stub_->GetAttributeDefinition(As("agent-1", {"agent"}).get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::CreateCustomerRequest create;
  create.set_request_id(testing::UniqueName("create"));
  create.mutable_customer()->set_display_name("钱进");
  create.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
  create.mutable_customer()->add_contact_points()->set_value("139 4500 0002");
  (*create.mutable_customer()->mutable_custom_attributes())[key].set_string_value("family");
  v1::CreateCustomerResponse created;
  status = stub_->CreateCustomer(As("sup-1").get(), create, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("customer.custom_attributes[" + key + "]"), 1u);
}

}  // namespace
}  // namespace tmk
