#include "services/dialing/domain/pacing_mdp.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "services/dialing/domain/pacing_policy_evaluator.h"

namespace tmk::dialing {
namespace {

// Issue 5's floor: p = 0.2, outcome after 15 s, handle time 150 s.
PacingModel Floor(int agents, double p = 0.2) { return PacingModel{agents, p, 15, 150}; }

constexpr double kTolerance = 1e-7;
constexpr int kSweeps = 200000;

// When an abandon costs far more than occupancy can earn, the optimum hardly risks one: it is
// progressive dialing, whose occupancy is exactly 150 / (150 + 15 / 0.2) = 2/3, bar one extra
// call when so many agents are free that all answering at once is negligible.
TEST(PacingMdp, AProhibitiveAbandonMakesTheOptimumProgressive) {
  const PacingModel model = Floor(10);
  PacingMdp mdp(model, model.MaxDialing());
  const PacingMdp::Solution solution = mdp.Solve(1e7, 0, kTolerance, kSweeps);
  ASSERT_TRUE(solution.converged);
  EXPECT_NEAR(solution.gain / model.agents, 2.0 / 3, 2e-4);
  const PacingPolicy policy = mdp.Policy();
  for (int busy = 0; busy <= model.agents; ++busy) {
    const int free = model.agents - busy;
    EXPECT_GE(policy.TargetDialing(busy, 0), free) << busy;
    EXPECT_LE(policy.TargetDialing(busy, 0), free + (free >= 5 ? 2 : 0)) << busy;
  }
}

TEST(PacingMdp, FreeAbandonsKeepEveryAgentBusy) {
  const PacingModel model = Floor(10);
  PacingMdp mdp(model, model.MaxDialing());
  const PacingMdp::Solution solution = mdp.Solve(0, 0, kTolerance, kSweeps);
  EXPECT_GT(solution.gain / model.agents, 0.97);
  EXPECT_EQ(mdp.Policy().TargetDialing(0, 0), model.MaxDialing());
}

// Weak duality: every abandon cost's gain bounds the constrained optimum from above; the lowest
// is the optimum itself, about .832 for 10 agents at a 3 % limit (issue 5).
TEST(PacingMdp, TheLagrangianBoundReachesTheOptimumOfTheIssue) {
  const PacingModel model = Floor(10);
  PacingMdp mdp(model, model.MaxDialing());
  double lowest = 1;
  for (double cost : {100.0, 150.0, 200.0, 215.0, 220.0, 230.0, 260.0, 400.0}) {
    const double bound = mdp.Solve(cost, 0.03, kTolerance, kSweeps).gain / model.agents;
    EXPECT_GT(bound, 0.831) << cost;
    lowest = std::min(lowest, bound);
  }
  EXPECT_NEAR(lowest, 0.832, 0.001);
}

TEST(PacingMdp, DialsMoreForMoreFreeAgentsAndNeverLessThanDialing) {
  const PacingModel model = Floor(20);
  PacingMdp mdp(model, model.MaxDialing());
  mdp.Solve(170, 0.03, kTolerance, kSweeps);
  const PacingPolicy policy = mdp.Policy();
  EXPECT_GT(policy.TargetDialing(0, 0), model.agents);  // predictive: more calls than agents
  for (int busy = 1; busy <= model.agents; ++busy) {
    EXPECT_LE(policy.TargetDialing(busy, 0), policy.TargetDialing(busy - 1, 0)) << busy;
    for (int dialing = 0; dialing <= model.MaxDialing(); ++dialing) {
      EXPECT_GE(policy.TargetDialing(busy, dialing), dialing);
    }
  }
}

// R17: the fewer calls a person answers, the more it takes to keep agents busy.
TEST(PacingMdp, DialsMoreWhenFewerCallsAreAnswered) {
  int more = 0;
  const PacingModel rare = Floor(20, 0.1);
  const PacingModel common = Floor(20, 0.3);
  PacingMdp rare_mdp(rare, common.MaxDialing());
  PacingMdp common_mdp(common, common.MaxDialing());
  rare_mdp.Solve(170, 0.03, kTolerance, kSweeps);
  common_mdp.Solve(170, 0.03, kTolerance, kSweeps);
  for (int busy = 0; busy < 20; ++busy) {
    const int rare_target = rare_mdp.Policy().TargetDialing(busy, 0);
    const int common_target = common_mdp.Policy().TargetDialing(busy, 0);
    EXPECT_GE(rare_target, common_target) << busy;
    more += rare_target > common_target;
  }
  EXPECT_GT(more, 10);
}

// The state-space bound of PacingModel::MaxDialing costs nothing against four times as much.
TEST(PacingMdp, TruncatingTheDialingCostsNothing) {
  for (int agents : {10, 50}) {
    const PacingModel model = Floor(agents);
    PacingMdp bounded(model, model.MaxDialing());
    PacingMdp wide(model, 4 * model.MaxDialing());
    const double cost = agents == 10 ? 220 : 97;
    EXPECT_NEAR(bounded.Solve(cost, 0.03, kTolerance, kSweeps).gain,
                wide.Solve(cost, 0.03, kTolerance, kSweeps).gain, 1e-4 * agents);
  }
}

TEST(PacingMdp, RebasingToAnotherFloorSizeStartsAfresh) {
  PacingMdp mdp(Floor(10), Floor(10).MaxDialing());
  mdp.Solve(220, 0.03, kTolerance, kSweeps);
  const PacingModel larger = Floor(20);
  mdp.Rebase(larger, larger.MaxDialing());
  PacingMdp fresh(larger, larger.MaxDialing());
  EXPECT_NEAR(mdp.Solve(170, 0.03, kTolerance, kSweeps).gain,
              fresh.Solve(170, 0.03, kTolerance, kSweeps).gain, 1e-5);
  EXPECT_EQ(mdp.Policy().TargetDialing(3, 0), fresh.Policy().TargetDialing(3, 0));
}

}  // namespace
}  // namespace tmk::dialing
