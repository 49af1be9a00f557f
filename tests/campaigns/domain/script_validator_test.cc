// Script validation (R9): every issue at once, each with its code, node and field path —
// structure (start, ids, links, reachability, loops), text (empty, merge fields) and the
// mandatory statements of the campaign type on every path.
#include "services/campaigns/domain/script_validator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

using ::testing::HasSubstr;
using Code = ScriptIssueCode;

ScriptNode Statement(std::string id, ComplianceKind kind, std::string text, std::string next) {
  ScriptNode node;
  node.node_id = std::move(id);
  node.kind = ScriptNodeKind::kCompliance;
  node.compliance_kind = kind;
  node.mandatory = true;
  node.text = std::move(text);
  node.next_node_id = std::move(next);
  return node;
}

ScriptNode Text(std::string id, std::string text, std::string next) {
  ScriptNode node;
  node.node_id = std::move(id);
  node.kind = ScriptNodeKind::kText;
  node.text = std::move(text);
  node.next_node_id = std::move(next);
  return node;
}

ScriptNode Question(std::string id, std::string prompt,
                    std::vector<std::pair<std::string, std::string>> options) {
  ScriptNode node;
  node.node_id = std::move(id);
  node.kind = ScriptNodeKind::kQuestion;
  node.text = std::move(prompt);
  for (auto& [option_id, next] : options) {
    node.options.push_back({option_id, "答案 " + option_id, next, 0});
  }
  return node;
}

ScriptNode Close(std::string id) {
  ScriptNode node;
  node.node_id = std::move(id);
  node.kind = ScriptNodeKind::kClose;
  node.text = "感谢您的接听，再见。";
  return node;
}

// A complete promotion script: every statement a promotion needs, on every path.
ScriptDocument Promotion() {
  using K = ComplianceKind;
  ScriptDocument doc;
  doc.start_node_id = "hello";
  doc.nodes = {
      Statement("hello", K::kIdentity,
                "您好，{{customer.display_name}}{{customer.salutation}}，我是中国移动客服代表小李。",
                "recording"),
      Statement("recording", K::kRecordingNotice, "为保证服务质量，本次通话将被录音。", "purpose"),
      Statement("purpose", K::kPurpose, "今天致电是向您介绍新的5G套餐。", "price"),
      Statement("price", K::kPriceAndTerms, "套餐每月128元，合约期12个月，无其他费用。", "cooling"),
      Statement("cooling", K::kCoolingOff, "办理后7天内可无理由退订。", "offer"),
      Question("offer", "作为{{customer.vip_tier}}客户，您是否愿意办理？",
               {{"yes", "order"}, {"no", "opt-out"}}),
      Text("order", "好的，我为您登记办理。", "opt-out"),
      Statement("opt-out", K::kOptOut, "如您不希望再接到此类电话，请随时告诉我们。", "bye"),
      Close("bye"),
  };
  doc.objection_handlers = {{"too-expensive", "太贵了", {"贵", "价格"},
                             "{{customer.vip_tier}}客户可享受9折优惠。", ""}};
  return doc;
}

std::vector<Code> Codes(const std::vector<ScriptIssue>& issues) {
  std::vector<Code> out;
  for (const ScriptIssue& issue : issues) out.push_back(issue.code);
  return out;
}

std::vector<ScriptIssue> Issues(const ScriptDocument& doc,
                                ScriptCampaignType type = ScriptCampaignType::kPromotion) {
  return FindScriptIssues(doc, type);
}

TEST(ScriptValidator, ACompletePromotionScriptHasNoIssues) {
  std::vector<ScriptIssue> issues = Issues(Promotion());
  EXPECT_TRUE(issues.empty()) << issues.front().field << ": " << issues.front().description;
}

TEST(ScriptValidator, AMissingOrUnknownStartNodeIsReported) {
  ScriptDocument doc = Promotion();
  doc.start_node_id = "";
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kNoStartNode});
  EXPECT_EQ(issues[0].field, "start_node_id");
  doc.start_node_id = "welcome";
  issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kNoStartNode});
  EXPECT_THAT(issues[0].description, HasSubstr("'welcome'"));
  EXPECT_EQ(Codes(Issues(ScriptDocument{})), (std::vector<Code>{Code::kNoStartNode,
                                                                Code::kMissingMandatoryStatement,
                                                                Code::kMissingMandatoryStatement,
                                                                Code::kMissingMandatoryStatement,
                                                                Code::kMissingMandatoryStatement,
                                                                Code::kMissingMandatoryStatement,
                                                                Code::kMissingMandatoryStatement}))
      << "an empty promotion script misses all six statements";
}

TEST(ScriptValidator, DuplicateNodeObjectionAndOptionIdsAreReportedWhereTheyRepeat) {
  ScriptDocument doc = Promotion();
  doc.nodes.push_back(Close("bye"));
  doc.objection_handlers.push_back({"offer", "考虑一下", {}, "好的，您可以慢慢考虑。", ""});
  doc.nodes[5].options.push_back({"yes", "是的", "order", 0});
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), (std::vector<Code>{Code::kDuplicateId, Code::kDuplicateId,
                                              Code::kDuplicateId, Code::kUnreachableNode}));
  EXPECT_EQ(issues[0].field, "nodes[9].node_id");
  EXPECT_THAT(issues[0].description, HasSubstr("nodes[8].node_id"));
  EXPECT_EQ(issues[1].field, "objection_handlers[1].objection_id");
  EXPECT_EQ(issues[1].node_id, "offer");
  EXPECT_EQ(issues[2].field, "nodes[5].question.options[2].option_id");
  EXPECT_EQ(issues[3].field, "nodes[9]") << "links resolve to the first 'bye'";
}

TEST(ScriptValidator, DanglingLinksNameTheirField) {
  ScriptDocument doc = Promotion();
  doc.nodes[5].options[1].next_node_id = "goodbye";
  doc.objection_handlers[0].return_node_id = "nowhere";
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), (std::vector<Code>{Code::kDanglingLink, Code::kDanglingLink}));
  EXPECT_EQ(issues[0].field, "nodes[5].question.options[1].next_node_id");
  EXPECT_EQ(issues[0].node_id, "offer");
  EXPECT_EQ(issues[1].field, "objection_handlers[0].return_node_id");
  EXPECT_EQ(issues[1].node_id, "too-expensive");
}

TEST(ScriptValidator, NodesNoPathReachesAreUnreachable) {
  ScriptDocument doc = Promotion();
  doc.nodes.push_back(Text("orphan", "这段话没人会读到。", "bye"));
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kUnreachableNode});
  EXPECT_EQ(issues[0].node_id, "orphan");
  EXPECT_EQ(issues[0].field, "nodes[9]");
}

TEST(ScriptValidator, AnObjectionsReturnNodeIsReachable) {
  ScriptDocument doc = Promotion();
  doc.nodes.push_back(Text("discount", "我们有专门的优惠。", "opt-out"));
  doc.objection_handlers[0].return_node_id = "discount";
  EXPECT_THAT(Codes(Issues(doc)), ::testing::Not(::testing::Contains(Code::kUnreachableNode)));
}

TEST(ScriptValidator, ALoopWithoutAWayOnIsACycleWithoutExitButARepeatableQuestionIsFine) {
  ScriptDocument doc = Promotion();
  doc.nodes[6].next_node_id = "confirm";  // order -> confirm -> order ...
  doc.nodes.push_back(Text("confirm", "请确认您的信息。", "order"));
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kCycleWithoutExit});
  EXPECT_EQ(issues[0].node_id, "order");
  EXPECT_THAT(issues[0].description, HasSubstr("order, confirm"));

  doc = Promotion();
  doc.nodes[5].options.push_back({"repeat", "请再说一遍", "offer", 0});
  EXPECT_TRUE(Issues(doc).empty());
}

TEST(ScriptValidator, UnknownAndMalformedMergeFieldsAreReportedInTheirText) {
  ScriptDocument doc = Promotion();
  doc.nodes[6].text = "好的，{{customer.name}}，我为您登记。";
  doc.objection_handlers[0].response_text = "{{customer.vip_tier 可享受优惠";
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), (std::vector<Code>{Code::kUnknownMergeField, Code::kUnknownMergeField}));
  EXPECT_EQ(issues[0].field, "nodes[6].text.text");
  EXPECT_THAT(issues[0].description, HasSubstr("'customer.name'"));
  EXPECT_EQ(issues[1].field, "objection_handlers[0].response_text");
  EXPECT_THAT(issues[1].description, HasSubstr("malformed"));
}

TEST(ScriptValidator, EmptyTextsAndQuestionsWithoutOptionsAreReported) {
  ScriptDocument doc = Promotion();
  doc.nodes[6].text = " \u3000\n";
  doc.nodes[5].options[0].label = "";
  doc.objection_handlers[0].label = "";
  doc.nodes.push_back(Question("empty-question", "还有问题吗？", {}));
  doc.nodes[6].next_node_id = "empty-question";
  std::vector<ScriptIssue> issues = Issues(doc);
  std::vector<std::string> fields;
  for (const ScriptIssue& issue : issues) fields.push_back(issue.field);
  EXPECT_THAT(Codes(issues), ::testing::ElementsAre(Code::kEmptyText, Code::kEmptyText,
                                                    Code::kQuestionWithoutOptions, Code::kEmptyText,
                                                    Code::kMissingMandatoryStatement));
  EXPECT_EQ(fields, (std::vector<std::string>{"nodes[5].question.options[0].label",
                                              "nodes[6].text.text", "nodes[9].question.options",
                                              "objection_handlers[0].label", "nodes[9]"}))
      << "and ending at the question now skips the opt-out statement";
}

TEST(ScriptValidator, AStatementTheCampaignTypeNeedsMustExist) {
  ScriptDocument doc = Promotion();
  doc.nodes[3].next_node_id = "offer";  // price -> offer: no cooling-off statement left
  doc.nodes.erase(doc.nodes.begin() + 4);
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kMissingMandatoryStatement});
  EXPECT_EQ(issues[0].field, "nodes");
  EXPECT_THAT(issues[0].description, HasSubstr("COOLING_OFF"));
  EXPECT_TRUE(Issues(doc, ScriptCampaignType::kRetention).empty())
      << "retention offers need price and opt-out, not a cooling-off period";
}

TEST(ScriptValidator, AStatementSomePathSkipsIsMissingOnThatPath) {
  ScriptDocument doc = Promotion();
  doc.nodes[2].next_node_id = "offer";  // purpose -> offer skips price and cooling-off
  doc.nodes[4].mandatory = false;
  std::vector<ScriptIssue> issues = Issues(doc);
  std::vector<Code> codes = Codes(issues);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), Code::kUnreachableNode), 2)
      << "price and cooling-off are not reached any more";
  ASSERT_EQ(std::count(codes.begin(), codes.end(), Code::kMissingMandatoryStatement), 2);
  const ScriptIssue& price = issues[issues.size() - 2];
  EXPECT_EQ(price.node_id, "bye");
  EXPECT_EQ(price.field, "nodes[8]");
  EXPECT_THAT(price.description,
              HasSubstr("hello → recording → purpose → offer → opt-out → bye skips the mandatory "
                        "PRICE_AND_TERMS statement"));
  EXPECT_THAT(issues.back().description, HasSubstr("cooling states it but is not marked mandatory"));
}

TEST(ScriptValidator, AnObjectionReturningPastAStatementSkipsIt) {
  ScriptDocument doc = Promotion();
  doc.objection_handlers[0].return_node_id = "offer";
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].code, Code::kMissingMandatoryStatement);
  EXPECT_THAT(issues[0].description, HasSubstr("hello → offer → opt-out → bye skips the mandatory "
                                               "RECORDING_NOTICE statement"));
}

TEST(ScriptValidator, ANodeMarkedMandatoryMustBeOnEveryPathWhateverTheType) {
  ScriptDocument doc = Promotion();
  doc.nodes[6].next_node_id = "privacy";  // only the "yes" branch states privacy
  doc.nodes.push_back(Statement("privacy", ComplianceKind::kPrivacy, "您的信息仅用于本次办理。",
                                "opt-out"));
  std::vector<ScriptIssue> issues = Issues(doc);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kMissingMandatoryStatement});
  EXPECT_THAT(issues[0].description, HasSubstr("PRIVACY"));
  doc.nodes.back().mandatory = false;
  EXPECT_TRUE(Issues(doc).empty()) << "an optional statement may sit on one branch";
}

TEST(ScriptValidator, SurveysNeedThePrivacyNoticeNotPriceTerms) {
  ScriptDocument doc = Promotion();
  std::vector<ScriptIssue> issues = Issues(doc, ScriptCampaignType::kSatisfactionSurvey);
  ASSERT_EQ(Codes(issues), std::vector<Code>{Code::kMissingMandatoryStatement});
  EXPECT_THAT(issues[0].description, HasSubstr("no PRIVACY statement"));
}

}  // namespace
}  // namespace tmk::campaigns
