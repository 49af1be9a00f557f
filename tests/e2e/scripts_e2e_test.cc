// Scripts through the running suite (issue 4, R9; R6, R14): a supervisor authors a script version
// over gRPC, validation finds what is incomplete, the fixed draft is submitted, its author is
// refused the approval, another supervisor approves it, the approved version refuses edits, an
// agent has it rendered for a customer created in contacts — masked where the agent may not see —
// it is retired with its reason, and every review step reaches Kafka as ScriptVersionChanged, as
// does a deleted draft (deleted = true).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;

class ScriptsEndToEnd : public testing::JwtSuiteTest<ScriptsEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kServices[] = "contacts,campaigns";

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    scripts_ = v1::CampaignsService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(suite_->channel());
  }

  std::unique_ptr<v1::CampaignsService::Stub> scripts_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;
};

void Statement(v1::ScriptVersion& doc, const std::string& id, v1::ComplianceStatementKind kind,
               const std::string& text, const std::string& next) {
  v1::ScriptNode* node = doc.add_nodes();
  node->set_node_id(id);
  node->set_title(id);
  node->mutable_compliance()->set_kind(kind);
  node->mutable_compliance()->set_text(text);
  node->mutable_compliance()->set_mandatory(true);
  node->mutable_compliance()->set_next_node_id(next);
}

void Close(v1::ScriptVersion& doc, const std::string& id, const std::string& text) {
  v1::ScriptNode* node = doc.add_nodes();
  node->set_node_id(id);
  node->mutable_close()->set_text(text);
}

// A broadband promotion. `complete` adds the cooling-off statement a promotion needs and names
// only known merge fields.
v1::ScriptVersion Broadband(bool complete) {
  v1::ScriptVersion doc;
  doc.set_start_node_id("hello");
  Statement(doc, "hello", v1::COMPLIANCE_STATEMENT_KIND_IDENTITY,
            complete ? "您好，{{customer.display_name}}{{customer.salutation}}，我是广东电信的客服代表。"
                     : "您好，{{customer.name}}，我是广东电信的客服代表。",
            "recorded");
  Statement(doc, "recorded", v1::COMPLIANCE_STATEMENT_KIND_RECORDING_NOTICE,
            "为保证服务质量，本次通话将被录音。", "purpose");
  Statement(doc, "purpose", v1::COMPLIANCE_STATEMENT_KIND_PURPOSE,
            "作为{{customer.vip_tier}}客户，今天为您介绍宽带提速优惠。", "price");
  Statement(doc, "price", v1::COMPLIANCE_STATEMENT_KIND_PRICE_AND_TERMS,
            "提速后每月99元，合约12个月，无其他费用。", complete ? "cooling" : "optout");
  if (complete) {
    Statement(doc, "cooling", v1::COMPLIANCE_STATEMENT_KIND_COOLING_OFF,
              "办理后7天内可无理由退订。", "optout");
  }
  Statement(doc, "optout", v1::COMPLIANCE_STATEMENT_KIND_OPT_OUT,
            "如您不希望再接到此类电话，请告诉我。", "ask");
  v1::ScriptNode* ask = doc.add_nodes();
  ask->set_node_id("ask");
  ask->mutable_question()->set_prompt("您的月收入为{{customer.income_band}}，是否需要为您办理？");
  for (const auto& [id, next] : {std::pair<std::string, std::string>{"yes", "order"}, {"no", "bye"}}) {
    v1::AnswerOption* option = ask->mutable_question()->add_options();
    option->set_option_id(id);
    option->set_label(id == "yes" ? "办理" : "不需要");
    option->set_next_node_id(next);
  }
  Close(doc, "order", "已为您登记，感谢您的支持！");
  Close(doc, "bye", "感谢您的接听，再见。");
  v1::ObjectionHandler* objection = doc.add_objection_handlers();
  objection->set_objection_id("too-expensive");
  objection->set_label("太贵了");
  objection->add_keywords("贵");
  objection->set_response_text("{{customer.vip_tier}}客户可享受9折优惠。");
  return doc;
}

TEST_F(ScriptsEndToEnd, AScriptIsAuthoredReviewedByAnotherApprovedFrozenAndRendered) {
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.campaigns.v1");

  // A script, created idempotently (a retry returns it; the key reused for another is refused).
  v1::CreateScriptRequest create;
  create.set_request_id(testing::UniqueName("script"));
  create.mutable_script()->set_display_name("宽带提速");
  create.mutable_script()->set_campaign_type(common::CAMPAIGN_TYPE_PROMOTION);
  v1::CreateScriptResponse script, again;
  grpc::Status status = scripts_->CreateScript(As("alice").get(), create, &script);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(scripts_->CreateScript(As("alice").get(), create, &again).ok());
  EXPECT_EQ(again.script().script_id(), script.script().script_id());
  create.mutable_script()->set_display_name("另一个话术");
  EXPECT_EQ(scripts_->CreateScript(As("alice").get(), create, &again).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  const std::string script_id = script.script().script_id();
  EXPECT_EQ(script.script().author_id(), "alice");

  // A first draft, saved with its issues: an unknown merge field, a missing cooling-off notice.
  v1::CreateScriptVersionRequest draft;
  draft.set_script_id(script_id);
  *draft.mutable_script_version() = Broadband(/*complete=*/false);
  v1::CreateScriptVersionResponse created;
  status = scripts_->CreateScriptVersion(As("alice").get(), draft, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ScriptVersion& v1_draft = created.script_version();
  EXPECT_EQ(v1_draft.version(), 1);
  EXPECT_EQ(v1_draft.state(), v1::SCRIPT_VERSION_STATE_DRAFT);
  EXPECT_EQ(v1_draft.author_id(), "alice");

  v1::ValidateScriptVersionRequest validate;
  validate.set_script_id(script_id);
  validate.set_version(1);
  v1::ValidateScriptVersionResponse validation;
  ASSERT_TRUE(scripts_->ValidateScriptVersion(As("alice").get(), validate, &validation).ok());
  EXPECT_FALSE(validation.valid());
  ASSERT_EQ(validation.issues_size(), 2);
  EXPECT_EQ(validation.issues(0).code(), v1::SCRIPT_ISSUE_CODE_UNKNOWN_MERGE_FIELD);
  EXPECT_EQ(validation.issues(0).field(), "nodes[0].compliance.text");
  EXPECT_EQ(validation.issues(1).code(), v1::SCRIPT_ISSUE_CODE_MISSING_MANDATORY_STATEMENT);

  v1::SubmitScriptVersionRequest submit;
  submit.set_script_id(script_id);
  submit.set_version(1);
  v1::SubmitScriptVersionResponse submitted;
  status = scripts_->SubmitScriptVersion(As("alice").get(), submit, &submitted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "SCRIPT_VERSION_HAS_ISSUES");

  // A malformed document is refused outright, every violation named.
  v1::UpdateScriptVersionRequest update;
  *update.mutable_script_version() = Broadband(/*complete=*/true);
  update.mutable_script_version()->set_script_id(script_id);
  update.mutable_script_version()->set_version(1);
  update.mutable_script_version()->mutable_nodes(0)->set_node_id("Hello World");
  update.mutable_script_version()->mutable_nodes(8)->clear_kind();
  v1::UpdateScriptVersionResponse updated;
  status = scripts_->UpdateScriptVersion(As("alice").get(), update, &updated);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).size(), 2u);
  EXPECT_EQ(testing::FieldViolations(status).count("script_version.nodes[0].node_id"), 1u);
  EXPECT_EQ(testing::FieldViolations(status).count("script_version.nodes[8]"), 1u);

  // The fixed draft (edited by carol too) has no issues left and goes to review.
  *update.mutable_script_version() = Broadband(/*complete=*/true);
  update.mutable_script_version()->set_script_id(script_id);
  update.mutable_script_version()->set_version(1);
  update.mutable_script_version()->set_revision(1);
  update.mutable_script_version()->set_change_note("补充退订说明");
  status = scripts_->UpdateScriptVersion(As("carol").get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.issues_size(), 0) << updated.issues(0).description();
  EXPECT_EQ(updated.script_version().revision(), 2);
  submit.set_revision(1);
  EXPECT_EQ(scripts_->SubmitScriptVersion(As("alice").get(), submit, &submitted).error_code(),
            grpc::StatusCode::ABORTED) << "revision 1 is stale";
  submit.set_revision(2);
  status = scripts_->SubmitScriptVersion(As("alice").get(), submit, &submitted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(submitted.script_version().state(), v1::SCRIPT_VERSION_STATE_IN_REVIEW);
  EXPECT_TRUE(submitted.script_version().has_submit_time());

  // Agents see nothing under review.
  v1::GetScriptVersionRequest get;
  get.set_script_id(script_id);
  get.set_version(1);
  v1::GetScriptVersionResponse got;
  EXPECT_EQ(scripts_->GetScriptVersion(As("dave", {"agent"}).get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Four eyes: neither the author nor an editor approves; bob does.
  v1::ApproveScriptVersionRequest approve;
  approve.set_script_id(script_id);
  approve.set_version(1);
  approve.set_comment("内容完整，同意使用");
  v1::ApproveScriptVersionResponse approved;
  for (const char* writer : {"alice", "carol"}) {
    status = scripts_->ApproveScriptVersion(As(writer).get(), approve, &approved);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << writer;
    EXPECT_EQ(testing::ErrorReason(status), "SELF_REVIEW") << writer;
  }
  EXPECT_EQ(scripts_->ApproveScriptVersion(As("erin", {"agent"}).get(), approve, &approved)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "agents do not review";
  status = scripts_->ApproveScriptVersion(As("bob").get(), approve, &approved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(approved.script_version().state(), v1::SCRIPT_VERSION_STATE_APPROVED);
  EXPECT_EQ(approved.script_version().reviewer_id(), "bob");
  EXPECT_EQ(approved.script_version().review_comment(), "内容完整，同意使用");

  // What was approved is what agents read: no edit, no deletion.
  update.mutable_script_version()->set_revision(0);
  update.mutable_script_version()->set_change_note("偷偷修改");
  status = scripts_->UpdateScriptVersion(As("alice").get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "SCRIPT_VERSION_IMMUTABLE");
  v1::DeleteScriptRequest remove;
  remove.set_script_id(script_id);
  v1::DeleteScriptResponse removed;
  status = scripts_->DeleteScript(As("alice").get(), remove, &removed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "SCRIPT_HAS_APPROVED_VERSIONS");
  get.set_version(0);  // the latest approved
  ASSERT_TRUE(scripts_->GetScriptVersion(As("dave", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.script_version().version(), 1);
  EXPECT_EQ(got.script_version().change_note(), "补充退订说明");

  // Rendered for a real customer: the agent's words, income masked (R6), nothing executed.
  contacts::CreateCustomerRequest customer;
  customer.mutable_customer()->set_display_name("王小明");
  customer.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
  customer.mutable_customer()->set_gender(contacts::GENDER_MALE);
  customer.mutable_customer()->set_vip_tier(contacts::VIP_TIER_GOLD);
  customer.mutable_customer()->set_income_band(contacts::INCOME_BAND_MIDDLE);
  contacts::ContactPoint* phone = customer.mutable_customer()->add_contact_points();
  phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
  phone->set_value("13800138000");
  contacts::CreateCustomerResponse wang;
  status = contacts_->CreateCustomer(As("alice").get(), customer, &wang);
  ASSERT_TRUE(status.ok()) << status.error_message();

  v1::RenderScriptRequest render;
  render.set_customer_id(wang.customer().customer_id());
  render.set_script_id(script_id);
  render.set_script_version(1);
  v1::RenderScriptResponse rendered;
  status = scripts_->RenderScript(As("dave", {"agent"}).get(), render, &rendered);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::RenderedScript& r = rendered.rendered_script();
  EXPECT_EQ(r.customer_id(), wang.customer().customer_id());
  EXPECT_EQ(r.content().state(), v1::SCRIPT_VERSION_STATE_APPROVED);
  EXPECT_EQ(r.content().nodes(0).compliance().text(), "您好，王小明先生，我是广东电信的客服代表。");
  EXPECT_EQ(r.content().nodes(2).compliance().text(), "作为金卡客户，今天为您介绍宽带提速优惠。");
  EXPECT_EQ(r.content().nodes(6).question().prompt(), "您的月收入为***，是否需要为您办理？");
  EXPECT_EQ(r.content().objection_handlers(0).response_text(), "金卡客户可享受9折优惠。");
  EXPECT_EQ(r.missing_fields_size(), 0);
  EXPECT_TRUE(r.has_render_time());

  render.set_customer_id("01938a2b-0000-7000-8000-000000000000");
  EXPECT_EQ(scripts_->RenderScript(As("dave", {"agent"}).get(), render, &rendered).error_code(),
            grpc::StatusCode::NOT_FOUND)
      << "contacts has no such customer";
  v1::RenderScriptRequest for_campaign;
  for_campaign.set_campaign_id("01938a2b-0000-7000-8000-000000000001");
  for_campaign.set_customer_id(wang.customer().customer_id());
  EXPECT_EQ(scripts_->RenderScript(As("dave", {"agent"}).get(), for_campaign, &rendered)
                .error_code(),
            grpc::StatusCode::NOT_FOUND)
      << "no such campaign";

  // Retired: kept for the campaigns that use it, announced like every review step.
  v1::RetireScriptVersionRequest retire;
  retire.set_script_id(script_id);
  retire.set_version(1);
  retire.set_reason("新资费上线");
  v1::RetireScriptVersionResponse retired;
  ASSERT_TRUE(scripts_->RetireScriptVersion(As("alice").get(), retire, &retired).ok());
  EXPECT_EQ(retired.script_version().state(), v1::SCRIPT_VERSION_STATE_RETIRED);
  EXPECT_EQ(retired.script_version().retire_reason(), "新资费上线");
  get.set_version(1);  // no longer the latest approved: there is none
  ASSERT_TRUE(scripts_->GetScriptVersion(As("dave", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.script_version().state(), v1::SCRIPT_VERSION_STATE_RETIRED);
  EXPECT_EQ(got.script_version().retire_reason(), "新资费上线") << "why it was retired is kept";

  const std::string key = "script:" + script_id + ":1";
  auto events = reader.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& got) {
        int seen = 0;
        for (const auto& e : got) seen += e.key == key ? 1 : 0;
        return seen >= 4;
      },
      std::chrono::seconds(30));
  std::vector<std::pair<v1::ScriptVersionState, v1::ScriptVersionState>> steps;
  for (const events::ConsumedEvent& e : events) {
    if (e.key != key) continue;
    EXPECT_EQ(e.type, "telemarketing.events.v1.ScriptVersionChanged");
    EXPECT_EQ(e.subject, "scripts/" + script_id + "/versions/1");
    EXPECT_EQ(e.region, "gd");
    telemarketing::events::v1::ScriptVersionChanged changed;
    ASSERT_TRUE(changed.ParseFromString(e.payload));
    EXPECT_EQ(changed.region_id(), "gd");
    EXPECT_GT(changed.hlc().wall_time_millis(), 0);
    steps.emplace_back(changed.previous_state(), changed.script_version().state());
    const bool retiring = changed.script_version().state() == v1::SCRIPT_VERSION_STATE_RETIRED;
    EXPECT_EQ(changed.script_version().retire_reason(), retiring ? "新资费上线" : "");
  }
  using S = v1::ScriptVersionState;
  EXPECT_EQ(steps, (std::vector<std::pair<S, S>>{
                       {v1::SCRIPT_VERSION_STATE_UNSPECIFIED, v1::SCRIPT_VERSION_STATE_DRAFT},
                       {v1::SCRIPT_VERSION_STATE_DRAFT, v1::SCRIPT_VERSION_STATE_IN_REVIEW},
                       {v1::SCRIPT_VERSION_STATE_IN_REVIEW, v1::SCRIPT_VERSION_STATE_APPROVED},
                       {v1::SCRIPT_VERSION_STATE_APPROVED, v1::SCRIPT_VERSION_STATE_RETIRED}}));
}

TEST_F(ScriptsEndToEnd, ARejectedVersionGoesBackToItsAuthorWithTheComment) {
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.campaigns.v1");
  v1::CreateScriptRequest create;
  create.mutable_script()->set_display_name("满意度回访");
  create.mutable_script()->set_campaign_type(common::CAMPAIGN_TYPE_PROMOTION);
  v1::CreateScriptResponse script;
  ASSERT_TRUE(scripts_->CreateScript(As("alice").get(), create, &script).ok());
  v1::CreateScriptVersionRequest draft;
  draft.set_script_id(script.script().script_id());
  *draft.mutable_script_version() = Broadband(/*complete=*/true);
  v1::CreateScriptVersionResponse created;
  ASSERT_TRUE(scripts_->CreateScriptVersion(As("alice").get(), draft, &created).ok());
  v1::SubmitScriptVersionRequest submit;
  submit.set_script_id(script.script().script_id());
  submit.set_version(created.script_version().version());
  v1::SubmitScriptVersionResponse submitted;
  ASSERT_TRUE(scripts_->SubmitScriptVersion(As("alice").get(), submit, &submitted).ok());

  v1::RejectScriptVersionRequest reject;
  reject.set_script_id(script.script().script_id());
  reject.set_version(created.script_version().version());
  v1::RejectScriptVersionResponse rejected;
  grpc::Status status = scripts_->RejectScriptVersion(As("bob").get(), reject, &rejected);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("comment"), 1u) << "say what to fix";
  reject.set_comment("价格说明需注明宽带安装费");
  reject.set_request_id(testing::UniqueName("reject"));
  ASSERT_TRUE(scripts_->RejectScriptVersion(As("bob").get(), reject, &rejected).ok());
  EXPECT_EQ(rejected.script_version().state(), v1::SCRIPT_VERSION_STATE_DRAFT);
  EXPECT_EQ(rejected.script_version().reviewer_id(), "bob");
  EXPECT_EQ(rejected.script_version().review_comment(), "价格说明需注明宽带安装费");
  v1::RejectScriptVersionResponse retried;
  ASSERT_TRUE(scripts_->RejectScriptVersion(As("bob").get(), reject, &retried).ok())
      << "a retried request answers like the first";
  EXPECT_EQ(retried.script_version().revision(), rejected.script_version().revision());

  // A new version copied from the rejected one starts as a draft of its own.
  v1::CreateScriptVersionRequest copy;
  copy.set_script_id(script.script().script_id());
  copy.set_copy_from_version(created.script_version().version());
  v1::CreateScriptVersionResponse copied;
  ASSERT_TRUE(scripts_->CreateScriptVersion(As("alice").get(), copy, &copied).ok());
  EXPECT_EQ(copied.script_version().version(), created.script_version().version() + 1);
  EXPECT_EQ(copied.script_version().nodes_size(), created.script_version().nodes_size());
  v1::ListScriptVersionsRequest list;
  list.set_script_id(script.script().script_id());
  list.set_page_size(1);
  v1::ListScriptVersionsResponse page;
  ASSERT_TRUE(scripts_->ListScriptVersions(As("alice").get(), list, &page).ok());
  ASSERT_EQ(page.script_versions_size(), 1);
  EXPECT_EQ(page.script_versions(0).version(), copied.script_version().version()) << "newest first";
  EXPECT_FALSE(page.next_page_token().empty());
  ASSERT_TRUE(scripts_->ListScriptVersions(As("dave", {"agent"}).get(), list, &page).ok());
  EXPECT_EQ(page.script_versions_size(), 0) << "agents list approved versions only";

  // The copy is deleted, a draft as it is: announced on its key so the compacted topic forgets it.
  v1::DeleteScriptVersionRequest remove;
  remove.set_script_id(script.script().script_id());
  remove.set_version(copied.script_version().version());
  v1::DeleteScriptVersionResponse removed;
  status = scripts_->DeleteScriptVersion(As("alice").get(), remove, &removed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::GetScriptVersionRequest get;
  get.set_script_id(remove.script_id());
  get.set_version(remove.version());
  v1::GetScriptVersionResponse got;
  EXPECT_EQ(scripts_->GetScriptVersion(As("alice").get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const std::string key =
      "script:" + remove.script_id() + ":" + std::to_string(remove.version());
  auto is_deletion = [&](const events::ConsumedEvent& e) {
    telemarketing::events::v1::ScriptVersionChanged changed;
    return e.key == key && changed.ParseFromString(e.payload) && changed.deleted();
  };
  auto events = reader.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& read) {
        return std::any_of(read.begin(), read.end(), is_deletion);
      },
      std::chrono::seconds(30));
  std::vector<telemarketing::events::v1::ScriptVersionChanged> changes;
  for (const events::ConsumedEvent& e : events) {
    if (e.key != key) continue;
    EXPECT_EQ(e.subject, "scripts/" + remove.script_id() + "/versions/" +
                             std::to_string(remove.version()));
    ASSERT_TRUE(changes.emplace_back().ParseFromString(e.payload));
  }
  ASSERT_EQ(changes.size(), 2u) << "created, then deleted";
  EXPECT_FALSE(changes[0].deleted());
  EXPECT_EQ(changes[0].script_version().state(), v1::SCRIPT_VERSION_STATE_DRAFT);
  const telemarketing::events::v1::ScriptVersionChanged& gone = changes[1];
  EXPECT_TRUE(gone.deleted());
  EXPECT_EQ(gone.previous_state(), v1::SCRIPT_VERSION_STATE_DRAFT);
  EXPECT_EQ(gone.region_id(), "gd");
  v1::ScriptVersion only_ids;
  only_ids.set_script_id(remove.script_id());
  only_ids.set_version(remove.version());
  EXPECT_EQ(gone.script_version().SerializeAsString(), only_ids.SerializeAsString())
      << "nothing but the version's name: " << gone.script_version().ShortDebugString();

  v1::ListMergeFieldsRequest fields;
  v1::ListMergeFieldsResponse catalog;
  ASSERT_TRUE(scripts_->ListMergeFields(As("dave", {"agent"}).get(), fields, &catalog).ok());
  EXPECT_EQ(catalog.merge_fields(0).path(), "customer.display_name");
}

}  // namespace
}  // namespace tmk
