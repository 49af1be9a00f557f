#include "services/dialing/domain/pacing_model.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(PacingModel, ValidatesItsMeasurements) {
  EXPECT_TRUE((PacingModel{10, 0.2, 15, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{0, 0.2, 15, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{1001, 0.2, 15, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{10, 0, 15, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{10, 1.1, 15, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{10, 0.2, 0, 150}).Validate().ok());
  EXPECT_FALSE((PacingModel{10, 0.2, 15, -1}).Validate().ok());
}

// Keeping 10 agents busy takes 10 x 15 / (0.2 x 150) = 5 calls dialing: twice that plus 20.
TEST(PacingModel, KeepsTwiceTheDialingThatKeepsAgentsBusyPlusSlack) {
  EXPECT_EQ((PacingModel{10, 0.2, 15, 150}).MaxDialing(), 30);
  EXPECT_EQ((PacingModel{100, 0.2, 15, 150}).MaxDialing(), 120);
  EXPECT_EQ((PacingModel{100, 0.05, 15, 150}).MaxDialing(), 420);
  // A floor of free agents is always covered.
  EXPECT_EQ((PacingModel{50, 1.0, 15, 150}).MaxDialing(), 70);
  EXPECT_EQ((PacingModel{1000, 0.002, 30, 60}).MaxDialing(), 4000);  // capped
}

}  // namespace
}  // namespace tmk::dialing
