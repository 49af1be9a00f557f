// The region's compliance guards (R20): the legal floors and ceilings are refused field by field,
// never clamped, and a campaign's abandon target never exceeds the region's ceiling.
#include "services/dialing/domain/compliance_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

TEST(ComplianceRulesTest, TheDefaultsAreTheLaw) {
  const ComplianceRules rules;
  EXPECT_THAT(ValidateComplianceRules(rules), IsEmpty());
  EXPECT_DOUBLE_EQ(rules.default_abandon_target, 0.03);
  EXPECT_EQ(rules.min_ring_duration, std::chrono::seconds(15));
  EXPECT_EQ(rules.abandon_recall_block, std::chrono::hours(72));
  EXPECT_EQ(rules.abandon_connect_threshold, std::chrono::seconds(2));
}

TEST(ComplianceRulesTest, LooserThanTheLawIsRefusedOnEachField) {
  ComplianceRules rules;
  rules.min_ring_duration = std::chrono::seconds(14);
  rules.abandon_recall_block = std::chrono::hours(71);
  rules.max_abandon_target = 0.05;
  rules.abandon_connect_threshold = std::chrono::milliseconds(2500);
  EXPECT_THAT(ValidateComplianceRules(rules),
              ElementsAre(Field(&RuleViolation::field, "max_abandon_target"),
                          Field(&RuleViolation::field, "abandon_connect_threshold"),
                          Field(&RuleViolation::field, "min_ring_duration"),
                          Field(&RuleViolation::field, "abandon_recall_block")));
}

TEST(ComplianceRulesTest, StricterThanTheLawIsAccepted) {
  ComplianceRules rules;
  rules.min_ring_duration = std::chrono::seconds(25);
  rules.abandon_recall_block = std::chrono::hours(96);
  rules.max_abandon_target = 0.02;
  rules.default_abandon_target = 0.01;
  EXPECT_THAT(ValidateComplianceRules(rules), IsEmpty());
}

TEST(ComplianceRulesTest, TheDefaultTargetMustFitUnderTheCeiling) {
  ComplianceRules rules;
  rules.max_abandon_target = 0.02;
  EXPECT_THAT(ValidateComplianceRules(rules),
              ElementsAre(Field(&RuleViolation::field, "default_abandon_target")));
}

TEST(ComplianceRulesTest, ACampaignTargetDefaultsToTheRegionAndNeverExceedsItsCeiling) {
  ComplianceRules rules;
  rules.max_abandon_target = 0.02;
  rules.default_abandon_target = 0.015;
  EXPECT_DOUBLE_EQ(EffectiveAbandonTarget(rules, 0), 0.015);
  EXPECT_DOUBLE_EQ(EffectiveAbandonTarget(rules, 0.01), 0.01);
  EXPECT_DOUBLE_EQ(EffectiveAbandonTarget(rules, 0.03), 0.02);
}

}  // namespace
}  // namespace tmk::dialing
