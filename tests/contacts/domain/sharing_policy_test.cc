// Sharing policy rules (R5, R6, R32): which mode each Customer field gets, the default policy,
// rule validation with field violations, and the masking formats.
#include "services/contacts/domain/sharing_policy.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::contacts {
namespace {

TEST(SharingPolicyTest, DefaultPolicyMasksNamesAndPointsWithholdsAddressAndExternalId) {
  SharingPolicy policy = DefaultSharingPolicy();
  EXPECT_EQ(policy.ModeFor("display_name"), SharingMode::kMask);
  EXPECT_EQ(policy.ModeFor("contact_points"), SharingMode::kMask);
  EXPECT_EQ(policy.ModeFor("residence.street_address"), SharingMode::kWithhold);
  EXPECT_EQ(policy.ModeFor("residence.postal_code"), SharingMode::kWithhold);
  EXPECT_EQ(policy.ModeFor("external_id"), SharingMode::kWithhold);
  EXPECT_EQ(policy.ModeFor("residence.city_code"), SharingMode::kShare);
  EXPECT_EQ(policy.ModeFor("vip_tier"), SharingMode::kShare);
  EXPECT_EQ(policy.ModeFor("custom_attributes.plan"), SharingMode::kShare);
}

TEST(SharingPolicyTest, PersonalAttributesAreWithheldUnlessARuleSaysOtherwise) {
  SharingPolicy policy = DefaultSharingPolicy();
  EXPECT_EQ(policy.ModeFor("custom_attributes.id_card", /*personal_attribute=*/true),
            SharingMode::kWithhold);
  policy.rules.push_back({"custom_attributes.id_card", SharingMode::kMask});
  EXPECT_EQ(policy.ModeFor("custom_attributes.id_card", true), SharingMode::kMask);
  SharingPolicy all_attributes{{{"custom_attributes", SharingMode::kShare}}, SharingMode::kShare};
  EXPECT_EQ(all_attributes.ModeFor("custom_attributes.id_card", true), SharingMode::kShare);
}

TEST(SharingPolicyTest, ChildRuleBeatsParentRuleBeatsDefault) {
  SharingPolicy policy{{{"residence", SharingMode::kWithhold},
                        {"residence.city_code", SharingMode::kShare}},
                       SharingMode::kMask};
  EXPECT_EQ(policy.ModeFor("residence.city_code"), SharingMode::kShare);
  EXPECT_EQ(policy.ModeFor("residence.province_code"), SharingMode::kWithhold);
  EXPECT_EQ(policy.ModeFor("residence"), SharingMode::kWithhold);
  EXPECT_EQ(policy.ModeFor("occupation"), SharingMode::kMask);
}

TEST(SharingPolicyTest, IdentityAndBookkeepingAreAlwaysShared) {
  SharingPolicy withhold_all{{}, SharingMode::kWithhold};
  for (const char* path : {"customer_id", "region_id", "hlc", "update_time", "create_time"}) {
    EXPECT_EQ(withhold_all.ModeFor(path), SharingMode::kShare) << path;
  }
  EXPECT_EQ(withhold_all.ModeFor("gender"), SharingMode::kWithhold);
}

TEST(SharingPolicyTest, RulesAreValidatedFieldByField) {
  EXPECT_TRUE(ValidateSharingRules(DefaultSharingPolicy().rules).ok());
  EXPECT_TRUE(ValidateSharingRules({{"custom_attributes", SharingMode::kWithhold}}).ok());
  absl::Status status = ValidateSharingRules({{"display_name", SharingMode::kShare},
                                              {"no_such_field", SharingMode::kMask},
                                              {"customer_id", SharingMode::kWithhold},
                                              {"", SharingMode::kMask},
                                              {"display_name", SharingMode::kMask}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<FieldViolation> v = FieldViolationsOf(status);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0].field, "sharing_policy.rules[1].field_path");
  EXPECT_EQ(v[1].field, "sharing_policy.rules[2].field_path");
  EXPECT_EQ(v[2].field, "sharing_policy.rules[3].field_path");
  EXPECT_EQ(v[3].field, "sharing_policy.rules[4].field_path");
}

TEST(SharingPolicyTest, MaskingKeepsTheFirstCharacterPerCodePoint) {
  EXPECT_EQ(MaskText("王小明"), "王**");
  EXPECT_EQ(MaskText("teacher"), "t******");
  EXPECT_EQ(MaskText(""), "");
  EXPECT_EQ(MaskText("李"), "李");
  EXPECT_EQ(MaskEmail("wang@example.com"), "w***@example.com");
  EXPECT_EQ(MaskEmail("not-an-address"), "n*************");
}

}  // namespace
}  // namespace tmk::contacts
