// Merge-field syntax in script text (R9): {{path}} and nothing else is a merge field; everything
// that looks like an attempt and is not one is reported, never guessed at.
#include "services/campaigns/domain/merge_field_text.h"

#include <gtest/gtest.h>

#include "services/campaigns/domain/merge_field_catalog.h"

namespace tmk::campaigns {
namespace {

std::vector<std::string> Paths(const MergeFieldScan& scan) {
  std::vector<std::string> out;
  for (const MergeFieldUse& use : scan.uses) out.push_back(use.path);
  return out;
}

TEST(ScanMergeFields, FindsPathsWithTheirSpansSpacesAllowed) {
  const std::string text = "您好，{{customer.display_name}}{{ customer.salutation }}！";
  MergeFieldScan scan = ScanMergeFields(text);
  EXPECT_TRUE(scan.malformed.empty());
  ASSERT_EQ(Paths(scan),
            (std::vector<std::string>{"customer.display_name", "customer.salutation"}));
  EXPECT_EQ(text.substr(scan.uses[0].begin, scan.uses[0].end - scan.uses[0].begin),
            "{{customer.display_name}}");
  EXPECT_EQ(text.substr(scan.uses[1].end), "！");
}

TEST(ScanMergeFields, PlainBracesAndLoneClosersAreText) {
  MergeFieldScan scan = ScanMergeFields("套餐 {A} 与 }} 不是字段");
  EXPECT_TRUE(scan.uses.empty());
  EXPECT_TRUE(scan.malformed.empty());
}

TEST(ScanMergeFields, ReportsUnclosedNestedEmptyAndExpressionFields) {
  MergeFieldScan scan = ScanMergeFields(
      "{{}} {{Customer.Name}} {{customer.vip_tier | upper}} {{ {{customer.kind}} {{customer.age");
  EXPECT_EQ(Paths(scan), std::vector<std::string>{"customer.kind"});
  ASSERT_EQ(scan.malformed.size(), 5u);
  EXPECT_EQ(scan.malformed[0].fragment, "{{}}");
  EXPECT_EQ(scan.malformed[1].fragment, "{{Customer.Name}}");
  EXPECT_EQ(scan.malformed[2].fragment, "{{customer.vip_tier | upper}}");
  EXPECT_EQ(scan.malformed[3].fragment, "{{ ");
  EXPECT_EQ(scan.malformed[4].fragment, "{{customer.age");
  EXPECT_EQ(scan.malformed[0].offset, 0u);
}

TEST(ScanMergeFields, CutsLongFragmentsOnACharacterBoundary) {
  std::string text = "{{" + std::string(13, 'a');
  for (int i = 0; i < 20; ++i) text += "客";  // three bytes each
  MergeFieldScan scan = ScanMergeFields(text);
  ASSERT_EQ(scan.malformed.size(), 1u);
  const std::string& fragment = scan.malformed[0].fragment;
  EXPECT_LT(fragment.size(), text.size());
  // 2 + 13 bytes, then whole characters only, then the ellipsis.
  EXPECT_EQ(fragment.substr(0, 15), text.substr(0, 15));
  EXPECT_EQ((fragment.size() - 15 - std::string("…").size()) % 3, 0u);
}

TEST(IsMergeFieldPath, DottedLowerCaseSegments) {
  EXPECT_TRUE(IsMergeFieldPath("customer.residence.city_name"));
  EXPECT_TRUE(IsMergeFieldPath("x"));
  EXPECT_FALSE(IsMergeFieldPath(""));
  EXPECT_FALSE(IsMergeFieldPath(".customer"));
  EXPECT_FALSE(IsMergeFieldPath("customer..name"));
  EXPECT_FALSE(IsMergeFieldPath("customer.name."));
  EXPECT_FALSE(IsMergeFieldPath("customer-name"));
}

TEST(MergeFieldCatalog, KnowsCustomerFieldsAndCustomAttributesByKey) {
  ASSERT_NE(FindMergeField("customer.display_name"), nullptr);
  EXPECT_FALSE(FindMergeField("customer.display_name")->masked_by_default);
  ASSERT_NE(FindMergeField("customer.income_band"), nullptr);
  EXPECT_TRUE(FindMergeField("customer.income_band")->masked_by_default);
  const MergeFieldSpec* attribute = FindMergeField("customer.custom_attributes.monthly_bill");
  ASSERT_NE(attribute, nullptr);
  EXPECT_EQ(attribute->path, "customer.custom_attributes.<attribute_key>");
  EXPECT_TRUE(attribute->masked_by_default);
  EXPECT_EQ(FindMergeField("customer.custom_attributes."), nullptr);
  EXPECT_EQ(FindMergeField("customer.custom_attributes.9lives"), nullptr);
  EXPECT_EQ(FindMergeField("customer.name"), nullptr);
  EXPECT_EQ(FindMergeField("customer"), nullptr);
  for (const MergeFieldSpec& spec : MergeFieldCatalog()) {
    EXPECT_FALSE(spec.description.empty()) << spec.path;
    EXPECT_FALSE(spec.example.empty()) << spec.path;
  }
}

}  // namespace
}  // namespace tmk::campaigns
