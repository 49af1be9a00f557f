#include "services/dialing/domain/progressive_policy.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

PacingSnapshot Floor(int agents, int ready, int dialing, int waiting = 0) {
  PacingSnapshot floor;
  floor.agents = agents;
  floor.ready_agents = ready;
  floor.calls_dialing = dialing;
  floor.calls_waiting = waiting;
  floor.calls_connected = agents - ready;
  return floor;
}

// R17: one call per ready agent, counting calls already promised to one.
TEST(ProgressivePolicy, DialsOneCallPerReadyAgentNotYetServed) {
  ProgressivePolicy policy;
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 4, 0)), 4);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 4, 3)), 1);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 4, 2, 1)), 1);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 4, 4)), 0);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 0, 0)), 0);
}

TEST(ProgressivePolicy, NeverLaunchesANegativeNumber) {
  ProgressivePolicy policy;
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 2, 5)), 0);
  EXPECT_EQ(policy.CallsToLaunch(Floor(10, 1, 0, 3)), 0);
}

}  // namespace
}  // namespace tmk::dialing
