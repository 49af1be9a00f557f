// The pacing policy of each dial mode (R17).
#include "services/dialing/domain/dial_mode.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

PacingSnapshot Floor(int agents, int ready) {
  PacingSnapshot f;
  f.agents = agents;
  f.ready_agents = ready;
  f.answer_probability = 0.3;
  f.mean_time_to_outcome = 15;
  f.mean_handle_time = 180;
  f.affordable_abandons = 10;
  return f;
}

TEST(DialModeTest, OnlyAutomaticModesArePaced) {
  EXPECT_TRUE(IsPaced(DialMode::kProgressive));
  EXPECT_TRUE(IsPaced(DialMode::kPower));
  EXPECT_TRUE(IsPaced(DialMode::kPredictive));
  EXPECT_FALSE(IsPaced(DialMode::kPreview));
  EXPECT_FALSE(IsPaced(DialMode::kManual));
  EXPECT_FALSE(MakeDialPolicy(DialMode::kPreview, 1).ok());
  EXPECT_FALSE(MakeDialPolicy(DialMode::kUnspecified, 1).ok());
}

TEST(DialModeTest, ProgressiveDialsOnePerReadyAgent) {
  auto policy = MakeDialPolicy(DialMode::kProgressive, 1);
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ((*policy)->CallsToLaunch(Floor(10, 4)), 4);
}

TEST(DialModeTest, PowerNeedsARatioOfAtLeastOne) {
  EXPECT_FALSE(MakeDialPolicy(DialMode::kPower, 0.5).ok());
  auto policy = MakeDialPolicy(DialMode::kPower, 2);
  ASSERT_TRUE(policy.ok());
  EXPECT_GE((*policy)->CallsToLaunch(Floor(10, 10)), 10);
}

TEST(DialModeTest, PredictiveNeverDialsWithNobodyReadyOrSoonFree) {
  auto policy = MakeDialPolicy(DialMode::kPredictive, 1);
  ASSERT_TRUE(policy.ok());
  PacingSnapshot f = Floor(0, 0);
  EXPECT_EQ((*policy)->CallsToLaunch(f), 0);
}

}  // namespace
}  // namespace tmk::dialing
