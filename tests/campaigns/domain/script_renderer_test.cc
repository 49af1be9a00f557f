// Rendering a script for one customer (R9) as the agent may see it (R6): values in the agent's
// words, masking unless the campaign makes a field visible, withheld and unknown values rendered
// empty and listed, and customer data never expanded as a template.
#include "services/campaigns/domain/script_renderer.h"

#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

CustomerView Wang() {
  CustomerView c;
  c.display_name = "王小明";
  c.gender = 2;  // GENDER_MALE
  c.birth_year = 1986;
  c.marital_status = 2;
  c.income_band = 3;
  c.kind = 1;
  c.vip_tier = 3;  // VIP_TIER_GOLD
  c.city_name = "深圳市";
  c.mobile = "+86 138****8000";
  c.custom_attributes = {{"monthly_bill", "CNY 128.00"}};
  return c;
}

ScriptDocument OneLine(std::string text) {
  ScriptDocument doc;
  doc.start_node_id = "hello";
  ScriptNode node;
  node.node_id = "hello";
  node.kind = ScriptNodeKind::kText;
  node.text = std::move(text);
  doc.nodes = {node};
  return doc;
}

TEST(MergeValuesFor, SaysValuesInTheAgentsWordsAndMasksWhatTheCampaignDoesNotShow) {
  MergeValues values = MergeValuesFor(Wang(), 2024, {"customer.age"});
  EXPECT_EQ(values["customer.display_name"], "王小明");
  EXPECT_EQ(values["customer.salutation"], "先生");
  EXPECT_EQ(values["customer.vip_tier"], "金卡");
  EXPECT_EQ(values["customer.kind"], "个人客户");
  EXPECT_EQ(values["customer.residence.city_name"], "深圳市");
  EXPECT_EQ(values["customer.age"], "38") << "visible for this campaign";
  EXPECT_EQ(values["customer.marital_status"], kMaskedValue);
  EXPECT_EQ(values["customer.income_band"], kMaskedValue);
  EXPECT_EQ(values["customer.mobile"], kMaskedValue);
  EXPECT_EQ(values["customer.custom_attributes.monthly_bill"], kMaskedValue);
  EXPECT_EQ(values.count("customer.occupation"), 0u) << "no value, no entry";
  EXPECT_EQ(values.count("customer.company_name"), 0u);

  values = MergeValuesFor(Wang(), 2024,
                          {"customer.income_band", "customer.mobile",
                           "customer.custom_attributes.monthly_bill"});
  EXPECT_EQ(values["customer.income_band"], "6000-9999元");
  EXPECT_EQ(values["customer.mobile"], "+86 138****8000") << "as contacts masked it";
  EXPECT_EQ(values["customer.custom_attributes.monthly_bill"], "CNY 128.00");
}

TEST(MergeValuesFor, LeavesOutWithheldAndUnknownValues) {
  CustomerView c = Wang();
  c.withheld_fields = {"display_name", "residence", "custom_attributes.monthly_bill"};
  c.gender = 0;
  c.birth_year = 2030;
  MergeValues values = MergeValuesFor(c, 2024, {"customer.custom_attributes.monthly_bill"});
  for (const char* path : {"customer.display_name", "customer.residence.city_name",
                           "customer.custom_attributes.monthly_bill", "customer.salutation",
                           "customer.age"}) {
    EXPECT_EQ(values.count(path), 0u) << path;
  }
  EXPECT_EQ(values["customer.vip_tier"], "金卡");
}

TEST(RenderScript, FillsEveryReadableTextAndListsWhatIsMissingOnce) {
  ScriptDocument doc = OneLine("您好，{{customer.display_name}}{{ customer.salutation }}。");
  ScriptNode question;
  question.node_id = "ask";
  question.kind = ScriptNodeKind::kQuestion;
  question.text = "{{customer.company_name}}的{{customer.occupation}}您好？";
  question.options = {{"yes", "{{customer.display_name}}", "", 0}};
  doc.nodes.push_back(question);
  doc.objection_handlers = {
      {"price", "太贵", {}, "{{customer.vip_tier}}客户{{customer.occupation}}优惠", ""}};
  RenderedDocument rendered = RenderScript(doc, MergeValuesFor(Wang(), 2024, {}));
  EXPECT_EQ(rendered.document.nodes[0].text, "您好，王小明先生。");
  EXPECT_EQ(rendered.document.nodes[1].text, "的您好？");
  EXPECT_EQ(rendered.document.nodes[1].options[0].label, "{{customer.display_name}}")
      << "labels are not texts the agent reads aloud";
  EXPECT_EQ(rendered.document.objection_handlers[0].response_text, "金卡客户优惠");
  EXPECT_EQ(rendered.missing_fields,
            (std::vector<std::string>{"customer.company_name", "customer.occupation"}));
  EXPECT_EQ(doc.nodes[0].text, "您好，{{customer.display_name}}{{ customer.salutation }}。")
      << "the version itself is untouched";
}

TEST(RenderScript, CustomerDataIsInsertedVerbatimNeverExpanded) {
  CustomerView c = Wang();
  c.display_name = "{{customer.vip_tier}}${HOME}<script>";
  RenderedDocument rendered =
      RenderScript(OneLine("您好{{customer.display_name}}"), MergeValuesFor(c, 2024, {}));
  EXPECT_EQ(rendered.document.nodes[0].text, "您好{{customer.vip_tier}}${HOME}<script>");
  EXPECT_TRUE(rendered.missing_fields.empty());
}

TEST(RenderScript, LeavesMalformedTextAsWritten) {
  RenderedDocument rendered = RenderScript(OneLine("{{customer.display_name"), MergeValues{});
  EXPECT_EQ(rendered.document.nodes[0].text, "{{customer.display_name");
}

}  // namespace
}  // namespace tmk::campaigns
