#include "services/dialing/domain/power_policy.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

PacingSnapshot Floor(int agents, int dialing, int waiting, int connected) {
  PacingSnapshot floor;
  floor.agents = agents;
  floor.ready_agents = agents - connected;
  floor.calls_dialing = dialing;
  floor.calls_waiting = waiting;
  floor.calls_connected = connected;
  return floor;
}

TEST(PowerPolicy, KeepsAFixedNumberOfLinesPerAgent) {
  PowerPolicy policy = *PowerPolicy::Create(1.5);
  // 10 agents x 1.5 = 15 lines; 6 connected + 4 dialing + 1 waiting = 11 in use.
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 4, 1, 6)), 4);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 0, 0, 0)), 15);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 9, 0, 6)), 0);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 12, 0, 6)), 0);  // over: nothing, never negative
}

TEST(PowerPolicy, RoundsLinesToTheNearestCall) {
  PowerPolicy policy = *PowerPolicy::Create(1.25);
  EXPECT_EQ(policy.CallsToLaunch(Floor(3, 0, 0, 0)), 4);  // 3.75 lines
  EXPECT_EQ(policy.CallsToLaunch(Floor(1, 0, 0, 0)), 1);  // 1.25 lines
}

TEST(PowerPolicy, OneLinePerAgentIsProgressiveOverTheWholeFloor) {
  PowerPolicy policy = *PowerPolicy::Create(1);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 2, 0, 7)), 1);
}

TEST(PowerPolicy, RejectsRatiosBelowOneOrAbsurd) {
  EXPECT_FALSE(PowerPolicy::Create(0.5).ok());
  EXPECT_FALSE(PowerPolicy::Create(25).ok());
  EXPECT_TRUE(PowerPolicy::Create(3).ok());
}

}  // namespace
}  // namespace tmk::dialing
