// Segments and lists (R8) as a supervisor uses them through the running suite: customers created
// over gRPC, a filter validated and saved, evaluated into a static list, its members paged.
#include <gtest/gtest.h>

#include <set>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/common/auth/jwt_test_util.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;

class SegmentsEndToEnd : public testing::ContactsSuiteTest<SegmentsEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() {
    testing::SuiteProcess::Options options;
    options.region = "e2e";
    options.services = "contacts";
    return options;
  }

 protected:
  void SetUp() override {
    ContactsSuiteTest::SetUp();
    tag_ = testing::UniqueName("seg");
    for (char& c : tag_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }

  std::string CreateCustomer(v1::VipTier tier, int birth_year, const std::string& phone) {
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("req"));
    v1::Customer* c = request.mutable_customer();
    c->set_display_name("客户");
    c->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c->set_vip_tier(tier);
    c->set_birth_year(birth_year);
    c->add_tags(tag_);
    c->mutable_residence()->set_province_code("440000");
    v1::ContactPoint* p = c->add_contact_points();
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(phone);
    grpc::ClientContext context;
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_->CreateCustomer(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer().customer_id();
  }

  v1::Segment CreateSegment(const std::string& filter) {
    v1::CreateSegmentRequest request;
    request.set_request_id(testing::UniqueName("req"));
    request.mutable_segment()->set_display_name("gold 25-45");
    request.mutable_segment()->set_filter(filter);
    grpc::ClientContext context;
    v1::CreateSegmentResponse response;
    grpc::Status status = stub_->CreateSegment(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.segment();
  }

  grpc::Status Evaluate(const v1::EvaluateSegmentRequest& request, v1::ContactList* list) {
    grpc::ClientContext context;
    v1::EvaluateSegmentResponse response;
    grpc::Status status = stub_->EvaluateSegment(&context, request, &response);
    *list = response.contact_list();
    return status;
  }

  std::string TagFilter() const { return "has_tag(\"" + tag_ + "\")"; }

  std::string tag_;
};


TEST_F(SegmentsEndToEnd, BadFiltersAreInvalidArgumentWithAFieldViolationNamingTheColumn) {
  grpc::ClientContext c1;
  v1::ValidateSegmentFilterRequest validate;
  validate.set_filter("vip_tier >= GOLD AND agee > 3");
  v1::ValidateSegmentFilterResponse ignored;
  grpc::Status status = stub_->ValidateSegmentFilter(&c1, validate, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = testing::FieldViolations(status);
  ASSERT_EQ(violations.count("filter"), 1u) << status.error_message();
  EXPECT_EQ(violations["filter"].rfind("column 22: unknown field 'agee'", 0), 0u) << violations["filter"];

  grpc::ClientContext c2;
  validate.set_filter("occupation = 'x'; DROP TABLE customers; --");
  status = stub_->ValidateSegmentFilter(&c2, validate, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status)["filter"], "column 14: unexpected character ''' (strings use double quotes)");

  grpc::ClientContext c3;
  v1::CreateSegmentRequest create;
  create.mutable_segment()->set_filter("(((((((((((((((((age > 1)))))))))))))))))");
  v1::CreateSegmentResponse created;
  status = stub_->CreateSegment(&c3, create, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  violations = testing::FieldViolations(status);
  EXPECT_EQ(violations["segment.filter"], "column 17: nested too deeply: at most 16 levels");
  EXPECT_EQ(violations["segment.display_name"], "required");
  EXPECT_EQ(violations["request_id"], "required");
}

// attr.<key> names a defined custom attribute and is compared with its type (R1, R8).
TEST_F(SegmentsEndToEnd, CustomAttributesInFiltersFollowTheirDefinitions) {
  const std::string key = testing::UniqueName("tier");
  auto validate = [&](const std::string& filter) {
    grpc::ClientContext context;
    v1::ValidateSegmentFilterRequest request;
    request.set_filter(filter);
    v1::ValidateSegmentFilterResponse response;
    return stub_->ValidateSegmentFilter(&context, request, &response);
  };
  grpc::Status status = validate("attr." + key + " = \"gold\"");
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(testing::FieldViolations(status)["filter"].find("'" + key + "'"), std::string::npos)
      << status.error_message();

  grpc::ClientContext define_context;
  v1::CreateAttributeDefinitionRequest define;
  define.set_request_id(testing::UniqueName("define"));
  v1::AttributeDefinition* d = define.mutable_attribute_definition();
  d->set_attribute_key(key);
  d->set_display_name("等级");
  d->set_type(v1::ATTRIBUTE_TYPE_ENUM);
  d->add_allowed_values("silver");
  d->add_allowed_values("gold");
  v1::CreateAttributeDefinitionResponse defined;
  ASSERT_TRUE(stub_->CreateAttributeDefinition(&define_context, define, &defined).ok());

  EXPECT_TRUE(validate("attr." + key + " = \"gold\"").ok());
  status = validate("attr." + key + " = \"platinum\"");
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(testing::FieldViolations(status)["filter"].find("\"silver\", \"gold\""),
            std::string::npos)
      << status.error_message();

  grpc::ClientContext create_context;
  v1::CreateSegmentRequest create;
  create.set_request_id(testing::UniqueName("seg"));
  create.mutable_segment()->set_display_name("numbers for an enum");
  create.mutable_segment()->set_filter("attr." + key + " > 3");
  v1::CreateSegmentResponse created;
  status = stub_->CreateSegment(&create_context, create, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("segment.filter"), 1u);
}

TEST_F(SegmentsEndToEnd, EvaluateASegmentIntoAListAndPageThroughItsMembers) {
  std::set<std::string> wanted;
  for (int i = 0; i < 5; ++i) {
    wanted.insert(CreateCustomer(v1::VIP_TIER_GOLD, 1990, "139 2000 10" + std::to_string(10 + i)));
  }
  CreateCustomer(v1::VIP_TIER_SILVER, 1990, "139 2000 1099");  // wrong tier
  CreateCustomer(v1::VIP_TIER_DIAMOND, 1950, "139 2000 1098");  // too old

  std::string filter = TagFilter() + " and vip_tier >= GOLD and age >= 25 and age < 45 and has_phone(MOBILE)";
  grpc::ClientContext vc;
  v1::ValidateSegmentFilterRequest validate;
  validate.set_filter(filter);
  validate.set_count_matches(true);
  v1::ValidateSegmentFilterResponse validated;
  ASSERT_TRUE(stub_->ValidateSegmentFilter(&vc, validate, &validated).ok());
  EXPECT_EQ(validated.matching_customer_count(), 5);
  EXPECT_EQ(validated.normalized_filter(),
            TagFilter() + " AND vip_tier >= VIP_TIER_GOLD AND age >= 25 AND age < 45 AND "
                          "has_phone(CONTACT_POINT_TYPE_MOBILE)");

  v1::Segment segment = CreateSegment(filter);
  EXPECT_EQ(segment.normalized_filter(), validated.normalized_filter());
  EXPECT_EQ(segment.region_id(), "e2e");
  EXPECT_FALSE(segment.etag().empty());

  v1::EvaluateSegmentRequest evaluate;
  evaluate.set_request_id(testing::UniqueName("req"));
  evaluate.set_segment_id(segment.segment_id());
  v1::ContactList list;
  grpc::Status status = Evaluate(evaluate, &list);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(list.member_count(), 5);
  EXPECT_EQ(list.state(), v1::CONTACT_LIST_STATE_READY);
  EXPECT_EQ(list.segment_id(), segment.segment_id());
  EXPECT_EQ(list.filter(), segment.normalized_filter());
  EXPECT_EQ(list.display_name().rfind("gold 25-45 ", 0), 0u) << list.display_name();

  v1::ContactList again;  // a retry returns the same list
  ASSERT_TRUE(Evaluate(evaluate, &again).ok());
  EXPECT_EQ(again.list_id(), list.list_id());

  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    grpc::ClientContext context;
    v1::ListContactListMembersRequest request;
    request.set_list_id(list.list_id());
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListContactListMembersResponse response;
    status = stub_->ListContactListMembers(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& m : response.members()) {
      EXPECT_TRUE(seen.insert(m.customer_id()).second);
      EXPECT_EQ(m.contact_point_ids_size(), 1);
      EXPECT_EQ(m.region_id(), "e2e");
    }
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, wanted);

  // A token only pages the list it came from.
  grpc::ClientContext bad_token_context;
  v1::ListContactListMembersRequest bad_token;
  bad_token.set_list_id(list.list_id());
  bad_token.set_page_token("not-a-token");
  v1::ListContactListMembersResponse ignored;
  status = stub_->ListContactListMembers(&bad_token_context, bad_token, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("page_token"), 1u);

  grpc::ClientContext gs;
  v1::GetSegmentRequest get_segment;
  get_segment.set_segment_id(segment.segment_id());
  v1::GetSegmentResponse got;
  ASSERT_TRUE(stub_->GetSegment(&gs, get_segment, &got).ok());
  EXPECT_EQ(got.segment().last_list_id(), list.list_id());
  EXPECT_EQ(got.segment().last_member_count(), 5);

  grpc::ClientContext ll;
  v1::ListContactListsRequest lists_request;
  lists_request.set_segment_id(segment.segment_id());
  v1::ListContactListsResponse lists;
  ASSERT_TRUE(stub_->ListContactLists(&ll, lists_request, &lists).ok());
  ASSERT_EQ(lists.contact_lists_size(), 1);
  EXPECT_EQ(lists.contact_lists(0).list_id(), list.list_id());

  // Marketing needs consent: nobody here granted it, so the callable list is empty.
  v1::EvaluateSegmentRequest marketing;
  marketing.set_request_id(testing::UniqueName("req"));
  marketing.set_segment_id(segment.segment_id());
  marketing.set_purpose(telemarketing::common::v1::CONTACT_PURPOSE_MARKETING);
  v1::ContactList callable;
  status = Evaluate(marketing, &callable);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(callable.member_count(), 0);
  EXPECT_EQ(callable.excluded_not_callable_count(), 5);
  EXPECT_EQ(callable.channel(), telemarketing::common::v1::CONTACT_CHANNEL_VOICE);
}

TEST_F(SegmentsEndToEnd, UpdateListAndDeleteFollowTheResourceRules) {
  v1::Segment segment = CreateSegment(TagFilter());

  grpc::ClientContext u1;
  v1::UpdateSegmentRequest update;
  update.set_request_id(testing::UniqueName("req"));
  *update.mutable_segment() = segment;
  update.mutable_segment()->set_filter(TagFilter() + " and kind = B2B");
  update.mutable_segment()->set_display_name("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("filter");
  v1::UpdateSegmentResponse updated;
  grpc::Status status = stub_->UpdateSegment(&u1, update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.segment().normalized_filter(), TagFilter() + " AND kind = CUSTOMER_KIND_B2B");
  EXPECT_EQ(updated.segment().display_name(), segment.display_name());
  EXPECT_NE(updated.segment().etag(), segment.etag());

  grpc::ClientContext u2;  // the old etag is stale now
  update.set_request_id(testing::UniqueName("req"));
  status = stub_->UpdateSegment(&u2, update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(testing::ErrorReason(status), "ETAG_MISMATCH");

  grpc::ClientContext u3;
  update.mutable_update_mask()->add_paths("region_id");
  status = stub_->UpdateSegment(&u3, update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("update_mask"), 1u);

  v1::Segment second = CreateSegment(TagFilter());
  std::set<std::string> listed;
  std::string token;
  int pages = 0;
  do {
    grpc::ClientContext context;
    v1::ListSegmentsRequest request;
    request.set_page_size(1);
    request.set_page_token(token);
    v1::ListSegmentsResponse response;
    ASSERT_TRUE(stub_->ListSegments(&context, request, &response).ok());
    for (const auto& s : response.segments()) listed.insert(s.segment_id());
    token = response.next_page_token();
  } while (!token.empty() && ++pages < 100);
  EXPECT_TRUE(listed.count(segment.segment_id()) && listed.count(second.segment_id()));

  v1::EvaluateSegmentRequest evaluate;
  evaluate.set_request_id(testing::UniqueName("req"));
  evaluate.set_segment_id(segment.segment_id());
  v1::ContactList list;
  ASSERT_TRUE(Evaluate(evaluate, &list).ok());

  grpc::ClientContext d1;
  v1::DeleteSegmentRequest delete_segment;
  delete_segment.set_request_id(testing::UniqueName("req"));
  delete_segment.set_segment_id(segment.segment_id());
  v1::DeleteSegmentResponse deleted;
  ASSERT_TRUE(stub_->DeleteSegment(&d1, delete_segment, &deleted).ok());
  grpc::ClientContext d2;  // a retry is still OK
  EXPECT_TRUE(stub_->DeleteSegment(&d2, delete_segment, &deleted).ok());

  grpc::ClientContext g1;
  v1::GetSegmentRequest get;
  get.set_segment_id(segment.segment_id());
  v1::GetSegmentResponse ignored;
  EXPECT_EQ(stub_->GetSegment(&g1, get, &ignored).error_code(), grpc::StatusCode::NOT_FOUND);

  evaluate.set_request_id(testing::UniqueName("req"));
  v1::ContactList refused;
  status = Evaluate(evaluate, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "SEGMENT_DELETED");

  // The list made from it stays until deleted itself.
  grpc::ClientContext gl;
  v1::GetContactListRequest get_list;
  get_list.set_list_id(list.list_id());
  v1::GetContactListResponse got_list;
  ASSERT_TRUE(stub_->GetContactList(&gl, get_list, &got_list).ok());
  grpc::ClientContext dl;
  v1::DeleteContactListRequest delete_list;
  delete_list.set_request_id(testing::UniqueName("req"));
  delete_list.set_list_id(list.list_id());
  v1::DeleteContactListResponse list_deleted;
  ASSERT_TRUE(stub_->DeleteContactList(&dl, delete_list, &list_deleted).ok());
  grpc::ClientContext gl2;
  EXPECT_EQ(stub_->GetContactList(&gl2, get_list, &got_list).error_code(), grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext bad;
  get_list.set_list_id("'; DROP TABLE contact_lists; --");
  EXPECT_EQ(stub_->GetContactList(&bad, get_list, &got_list).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Who may do what (R8, R6): supervisors and admins build lists; integrators read them; agents
// neither.
TEST(SegmentsAuthEndToEnd, AgentsAreRefusedIntegratorsOnlyRead) {
  testing::SuiteProcess suite({"gd", "contacts",
                               {"--auth-mode=jwt",
                                "--auth-hs256-secret=" + std::string(auth::testing::kSecret),
                                "--auth-audience=telemarketing", "--auth-issuer=https://idp.example"}});
  ASSERT_TRUE(suite.running());
  auto stub = v1::ContactsService::NewStub(suite.channel());
  auto token = [](const std::string& role) {
    long long now = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    return auth::testing::SignHs256(auth::testing::kSecret,
                                    {{"iss", "https://idp.example"},
                                     {"aud", "telemarketing"},
                                     {"sub", "user-" + role},
                                     {"iat", now - 5},
                                     {"exp", now + 600},
                                     {"roles", std::vector<std::string>{role}},
                                     {"regions", std::vector<std::string>{"gd"}}});
  };
  auto create = [&](const std::string& role) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token(role));
    v1::CreateSegmentRequest request;
    request.set_request_id(testing::UniqueName("req"));
    request.mutable_segment()->set_display_name("s");
    request.mutable_segment()->set_filter("kind = B2C");
    v1::CreateSegmentResponse response;
    return stub->CreateSegment(&context, request, &response).error_code();
  };
  auto list = [&](const std::string& role) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token(role));
    v1::ListSegmentsResponse response;
    return stub->ListSegments(&context, v1::ListSegmentsRequest(), &response).error_code();
  };
  auto members = [&](const std::string& role) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token(role));
    v1::ListContactListMembersRequest request;
    request.set_list_id("01938a2b-0000-7000-8000-000000000000");
    v1::ListContactListMembersResponse response;
    return stub->ListContactListMembers(&context, request, &response).error_code();
  };
  EXPECT_EQ(create("agent"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(list("agent"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(members("agent"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(create("integrator"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(list("integrator"), grpc::StatusCode::OK);
  EXPECT_EQ(members("integrator"), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(create("supervisor"), grpc::StatusCode::OK);
  EXPECT_EQ(create("admin"), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace tmk
