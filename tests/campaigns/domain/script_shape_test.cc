// The syntax and size limits of a script version (R9): violations refuse the document outright,
// each under its request field path.
#include "services/campaigns/domain/script_shape.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

std::vector<std::string> Fields(const Violations& violations) {
  std::vector<std::string> out;
  for (const FieldViolation& v : violations.list()) out.push_back(v.field);
  return out;
}

std::vector<std::string> Check(const ScriptDocument& doc) {
  Violations violations;
  CheckScriptShape(doc, "script_version.", violations);
  return Fields(violations);
}

ScriptNode Text(std::string id, std::string text) {
  ScriptNode node;
  node.node_id = std::move(id);
  node.kind = ScriptNodeKind::kText;
  node.text = std::move(text);
  return node;
}

TEST(ScriptShape, AWellFormedDocumentPasses) {
  ScriptDocument doc;
  doc.start_node_id = "hello";
  doc.nodes = {Text("hello", "您好")};
  ScriptNode question;
  question.node_id = "q-1";
  question.kind = ScriptNodeKind::kQuestion;
  question.text = "您满意吗？";
  question.options = {{"yes", "满意", "", 2}};
  doc.nodes.push_back(question);
  doc.objection_handlers = {{"busy", "没时间", {"忙"}, "只占用您一分钟。", ""}};
  EXPECT_TRUE(Check(doc).empty());
}

TEST(ScriptShape, IdsKindsAndEnumValuesAreChecked) {
  ScriptDocument doc;
  doc.nodes = {Text("Hello World", "您好"), Text("", "x")};
  ScriptNode unset;
  unset.node_id = "unset";
  doc.nodes.push_back(unset);
  ScriptNode statement;
  statement.node_id = "statement";
  statement.kind = ScriptNodeKind::kCompliance;
  statement.text = "本次通话将被录音。";
  doc.nodes.push_back(statement);
  ScriptNode question;
  question.node_id = "q";
  question.kind = ScriptNodeKind::kQuestion;
  question.text = "?";
  question.options = {{"", "a", "", 0}, {"b", "b", "", 9}};
  doc.nodes.push_back(question);
  doc.objection_handlers = {{"x y", "l", {""}, "r", ""}};
  EXPECT_EQ(Check(doc), (std::vector<std::string>{
                            "script_version.nodes[0].node_id",
                            "script_version.nodes[1].node_id",
                            "script_version.nodes[2]",
                            "script_version.nodes[3].compliance.kind",
                            "script_version.nodes[4].question.options[0].option_id",
                            "script_version.nodes[4].question.options[1].suggested_intention",
                            "script_version.objection_handlers[0].objection_id",
                            "script_version.objection_handlers[0].keywords[0]",
                        }));
}

TEST(ScriptShape, OversizeListsAreOneViolationEach) {
  ScriptDocument doc;
  for (size_t i = 0; i <= ScriptLimits::kMaxNodes; ++i) doc.nodes.push_back(Text("", ""));
  doc.objection_handlers.resize(ScriptLimits::kMaxObjectionHandlers + 1);
  EXPECT_EQ(Check(doc), (std::vector<std::string>{"script_version.nodes",
                                                  "script_version.objection_handlers"}));
}

TEST(ScriptShape, OversizeTextsAndDocumentsAreRefused) {
  ScriptDocument doc;
  doc.start_node_id = std::string(65, 'a');
  doc.nodes = {Text("long", std::string(ScriptLimits::kMaxTextBytes + 1, 'x'))};
  doc.nodes[0].title = std::string(ScriptLimits::kMaxLabelBytes + 1, 't');
  EXPECT_EQ(Check(doc), (std::vector<std::string>{"script_version.start_node_id",
                                                  "script_version.nodes[0].title",
                                                  "script_version.nodes[0].text.text"}));
  ScriptDocument big;
  for (int i = 0; i < 100; ++i) {
    big.nodes.push_back(Text("n" + std::to_string(i), std::string(ScriptLimits::kMaxTextBytes, 'x')));
  }
  Violations violations;
  CheckScriptShape(big, "", violations);
  ASSERT_EQ(Fields(violations), std::vector<std::string>{"nodes"});
  EXPECT_THAT(violations.list()[0].description, ::testing::HasSubstr("at most 262144"));
}

TEST(ScriptShape, ElementIds) {
  EXPECT_TRUE(IsScriptElementId("opt-out_2"));
  EXPECT_FALSE(IsScriptElementId(""));
  EXPECT_FALSE(IsScriptElementId("Opt"));
  EXPECT_FALSE(IsScriptElementId(std::string(65, 'a')));
}

}  // namespace
}  // namespace tmk::campaigns
