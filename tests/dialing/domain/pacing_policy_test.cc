#include "services/dialing/domain/pacing_policy.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(PacingPolicy, ProgressiveDialsForFreeAgentsOnly) {
  const PacingPolicy policy = PacingPolicy::Progressive(10, 30);
  EXPECT_EQ(policy.TargetDialing(0, 0), 10);
  EXPECT_EQ(policy.TargetDialing(7, 0), 3);
  EXPECT_EQ(policy.TargetDialing(7, 2), 3);
  EXPECT_EQ(policy.TargetDialing(7, 5), 5);  // never fewer than already dialing
  EXPECT_EQ(policy.TargetDialing(10, 0), 0);
}

TEST(PacingPolicy, ClampsStatesOutsideTheTable) {
  const PacingPolicy policy = PacingPolicy::Progressive(10, 30);
  EXPECT_EQ(policy.TargetDialing(12, 0), 0);    // busy beyond the floor: all busy
  EXPECT_EQ(policy.TargetDialing(-3, 0), 10);   // nonsense busy: none busy
  EXPECT_EQ(policy.TargetDialing(0, 45), 45);   // beyond the table: launch nothing
  EXPECT_EQ(policy.TargetDialing(4, -1), 6);
}

TEST(PacingPolicy, LooksUpTheTableRowByBusyAgents) {
  // 2 agents, up to 3 dialing: targets[busy][dialing].
  const PacingPolicy policy(2, 3, {3, 3, 3, 3, /**/ 2, 2, 2, 3, /**/ 0, 1, 2, 3});
  EXPECT_EQ(policy.TargetDialing(0, 1), 3);
  EXPECT_EQ(policy.TargetDialing(1, 0), 2);
  EXPECT_EQ(policy.TargetDialing(1, 3), 3);
  EXPECT_EQ(policy.TargetDialing(2, 1), 1);
}

}  // namespace
}  // namespace tmk::dialing
