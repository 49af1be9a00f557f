// Preview mode's skip effects and auto-dial time (R17).
#include "services/dialing/domain/preview_rules.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(PreviewRulesTest, LaterGivesTheLeadBackUntouched) {
  absl::StatusOr<SkipEffect> e = EffectOfSkip(SkipReason::kLater);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->give_back);
  EXPECT_FALSE(e->stop_lead);
  EXPECT_FALSE(e->screen_number);
}

TEST(PreviewRulesTest, DoNotCallNowStopsTheLeadForReview) {
  absl::StatusOr<SkipEffect> e = EffectOfSkip(SkipReason::kDoNotCallNow);
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(e->give_back);
  EXPECT_TRUE(e->stop_lead);
}

TEST(PreviewRulesTest, BadDataScreensTheNumberAndGivesTheLeadBack) {
  absl::StatusOr<SkipEffect> e = EffectOfSkip(SkipReason::kBadData);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->give_back);
  EXPECT_TRUE(e->screen_number);
}

TEST(PreviewRulesTest, UnspecifiedReasonIsRefused) {
  EXPECT_EQ(EffectOfSkip(SkipReason::kUnspecified).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EffectOfSkip(static_cast<SkipReason>(9)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PreviewRulesTest, AutoDialAfterTheTimeoutOrNever) {
  const TimePoint t0{std::chrono::seconds(1000)};
  EXPECT_EQ(AutoDialTime(t0, std::chrono::seconds(30)), t0 + std::chrono::seconds(30));
  EXPECT_FALSE(AutoDialTime(t0, std::chrono::milliseconds(0)).has_value());
}

}  // namespace
}  // namespace tmk::dialing
