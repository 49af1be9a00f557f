// DUPLICATE_POLICY_MERGE (R1, R3): only empty fields are filled, only new numbers are added.
#include "services/contacts/domain/import_merge.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

ImportedCustomer Existing() {
  ImportedCustomer c;
  c.display_name = "王芳";
  c.kind = "B2C";
  c.gender = "FEMALE";
  c.residence = {{"province_code", "44"}};
  c.attributes = {{"plan", AttributeCell{}}};
  c.contact_points = {{ContactKind::kMobile, "13800138000"}};
  c.normalized = {{ContactKind::kMobile, "+8613800138000"}};
  return c;
}

TEST(ImportMerge, FillsOnlyEmptyFieldsAndAddsOnlyNewNumbers) {
  ImportedCustomer row;
  row.display_name = "王芳芳";  // never overwrites
  row.kind = "B2B";
  row.gender = "MALE";  // the customer has one: kept
  row.birth_year = 1985;
  row.vip_tier = "GOLD";
  row.residence = {{"province_code", "11"}, {"city_code", "4401"}};
  row.tags = {"broadband"};
  AttributeCell p2, web;
  p2.type = web.type = AttributeType::kString;
  p2.text = "p2";
  web.text = "web";
  row.attributes = {{"plan", p2}, {"channel", web}};
  row.contact_points = {{ContactKind::kMobile, "138 0013 8000"}, {ContactKind::kEmail, "w@x.cn"}};
  row.normalized = {{ContactKind::kMobile, "+8613800138000"}, {ContactKind::kEmail, "w@x.cn"}};
  ImportMergePlan plan = PlanImportMerge(Existing(), row);
  EXPECT_EQ(plan.paths, (std::vector<std::string>{"birth_year", "residence.city_code", "vip_tier",
                                                  "tags", "custom_attributes.channel",
                                                  "contact_points"}));
  EXPECT_EQ(plan.fills.birth_year, 1985);
  EXPECT_EQ(plan.fills.vip_tier, "GOLD");
  EXPECT_TRUE(plan.fills.gender.empty());
  EXPECT_TRUE(plan.fills.display_name.empty());
  EXPECT_EQ(plan.fills.residence, (std::map<std::string, std::string>{{"city_code", "4401"}}));
  EXPECT_EQ(plan.new_points, (std::vector<size_t>{1}));
  EXPECT_FALSE(plan.empty());
}

TEST(ImportMerge, ARowWithNothingNewChangesNothing) {
  ImportedCustomer row = Existing();
  row.display_name = "someone else";
  EXPECT_TRUE(PlanImportMerge(Existing(), row).empty());
}

}  // namespace
}  // namespace tmk::contacts
