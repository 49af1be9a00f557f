// Typed custom attribute definitions (R1) and customers' values against them.
#include "services/contacts/domain/attribute_definition.h"

#include <gtest/gtest.h>

#include "services/contacts/domain/custom_attribute_rules.h"
#include "tests/support/violated_fields.h"

namespace tmk::contacts {
namespace {

using testing::ViolatedFields;
using Fields = std::vector<std::string>;

AttributeDefinition Plan() {
  return {"plan", "套餐", "the customer's tariff plan", AttributeType::kEnum,
          {"basic", "family", "premium"}, false};
}

TEST(IsAttributeKey, IsLowerSnakeCaseStartingWithALetter) {
  EXPECT_TRUE(IsAttributeKey("monthly_bill"));
  EXPECT_TRUE(IsAttributeKey("plan2"));
  EXPECT_FALSE(IsAttributeKey(""));
  EXPECT_FALSE(IsAttributeKey("9lives"));
  EXPECT_FALSE(IsAttributeKey("Plan"));
  EXPECT_FALSE(IsAttributeKey("plan.tier"));
  EXPECT_FALSE(IsAttributeKey(std::string(65, 'a')));
}

TEST(ValidateAttributeDefinition, AcceptsAnEnumWithItsValues) {
  EXPECT_TRUE(ValidateAttributeDefinition(Plan(), "attribute_definition").ok());
}

TEST(ValidateAttributeDefinition, ReportsEveryViolation) {
  AttributeDefinition d{"Bad-Key", "", "", AttributeType::kUnspecified, {"x"}, false};
  EXPECT_EQ(ViolatedFields(ValidateAttributeDefinition(d, "attribute_definition")),
            (Fields{"attribute_definition.attribute_key", "attribute_definition.type",
                    "attribute_definition.allowed_values"}));
  AttributeDefinition e = Plan();
  e.allowed_values = {"basic", "", "basic"};
  EXPECT_EQ(ViolatedFields(ValidateAttributeDefinition(e, "attribute_definition")),
            (Fields{"attribute_definition.allowed_values[1]",
                    "attribute_definition.allowed_values[2]"}));
  e.allowed_values.clear();
  EXPECT_EQ(ViolatedFields(ValidateAttributeDefinition(e, "attribute_definition")),
            Fields{"attribute_definition.allowed_values"});
}

TEST(ApplyDefinitionUpdate, ChangesOnlyTheMaskedFieldsAndReportsRemovedValues) {
  AttributeDefinition current = Plan();
  AttributeDefinition patch;
  patch.display_name = "资费套餐";
  patch.allowed_values = {"basic", "premium", "student"};
  patch.type = AttributeType::kInt;  // immutable: not in the mask, ignored
  std::vector<std::string> removed;
  ASSERT_TRUE(ApplyDefinitionUpdate(patch, {"display_name", "allowed_values"},
                                    "attribute_definition", current, removed)
                  .ok());
  EXPECT_EQ(current.display_name, "资费套餐");
  EXPECT_EQ(current.description, "the customer's tariff plan");
  EXPECT_EQ(current.type, AttributeType::kEnum);
  EXPECT_EQ(current.allowed_values, (Fields{"basic", "premium", "student"}));
  EXPECT_EQ(removed, Fields{"family"});
}

TEST(ApplyDefinitionUpdate, RefusesImmutableUnknownOrRepeatedPaths) {
  AttributeDefinition current = Plan();
  std::vector<std::string> removed;
  absl::Status status = ApplyDefinitionUpdate(Plan(), {"type", "description", "description"},
                                              "attribute_definition", current, removed);
  EXPECT_EQ(ViolatedFields(status), (Fields{"update_mask.paths[0]", "update_mask.paths[2]"}));
  EXPECT_EQ(current.allowed_values, Plan().allowed_values);  // nothing applied
  EXPECT_EQ(ViolatedFields(
                ApplyDefinitionUpdate(Plan(), {}, "attribute_definition", current, removed)),
            Fields{"update_mask"});
}

TEST(ApplyDefinitionUpdate, AllowedValuesBelongToEnumsOnly) {
  AttributeDefinition bill{"monthly_bill", "", "", AttributeType::kMoney, {}, false};
  AttributeDefinition patch;
  patch.allowed_values = {"high"};
  std::vector<std::string> removed;
  EXPECT_EQ(ViolatedFields(ApplyDefinitionUpdate(patch, {"allowed_values"},
                                                 "attribute_definition", bill, removed)),
            Fields{"attribute_definition.allowed_values"});
}

TEST(CheckCustomAttributes, RefusesUnknownKeysWrongTypesAndValuesNotAllowed) {
  std::map<std::string, AttributeDefinition> defined{
      {"plan", Plan()},
      {"monthly_bill", {"monthly_bill", "", "", AttributeType::kMoney, {}, false}}};
  Violations v;
  CheckCustomAttributes({{"plan", {AttributeType::kString, "family"}},
                         {"monthly_bill", {AttributeType::kMoney, ""}}},
                        defined, "customer.custom_attributes", v);
  EXPECT_TRUE(v.empty());
  CheckCustomAttributes({{"plan", {AttributeType::kString, "gold"}},
                         {"monthly_bill", {AttributeType::kString, "120"}},
                         {"shoe_size", {AttributeType::kInt, ""}},
                         {"plan", {AttributeType::kInt, ""}}},
                        defined, "customer.custom_attributes", v);
  EXPECT_EQ(ViolatedFields(v.ToStatus()),
            (Fields{"customer.custom_attributes[plan]", "customer.custom_attributes[monthly_bill]",
                    "customer.custom_attributes[shoe_size]", "customer.custom_attributes[plan]"}));
  EXPECT_NE(v.list()[2].description.find("unknown attribute 'shoe_size'"), std::string::npos);
}

}  // namespace
}  // namespace tmk::contacts
