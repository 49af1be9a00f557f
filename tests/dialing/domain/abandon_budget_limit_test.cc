// R20 over every automatic dial mode: the calls a policy wants are cut to what the abandon budget
// of the rolling windows absorbs, and a spent budget holds the campaign at one call per free agent.
#include "services/dialing/domain/abandon_budget_limit.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

PacingSnapshot Floor(int ready, int dialing, int64_t affordable, int64_t abandons_24h) {
  PacingSnapshot s;
  s.agents = 10;
  s.ready_agents = ready;
  s.calls_dialing = dialing;
  s.answer_probability = 0.3;
  s.affordable_abandons = affordable;
  s.abandons_24h = abandons_24h;
  s.live_answers_24h = 100;
  return s;
}

TEST(AbandonBudgetLimitTest, APowerRatioIsCutToWhatTheBudgetAbsorbs) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  // Power at 3 calls per agent with 5 ready wants 15; with 2 affordable abandons and a 30 % answer
  // rate the guard allows fewer.
  const LaunchLimit limit = LimitToAbandonBudget(Floor(5, 0, 2, 1), 15, guard);
  EXPECT_FALSE(limit.compliance_hold);
  EXPECT_GE(limit.launches, 5);
  EXPECT_LT(limit.launches, 15);
  EXPECT_EQ(limit.launches, guard.MaxDialing(5, 2, 0.3));
}

TEST(AbandonBudgetLimitTest, ASpentBudgetHoldsTheCampaignAtOneCallPerFreeAgent) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  const LaunchLimit limit = LimitToAbandonBudget(Floor(5, 2, 0, 3), 15, guard);
  EXPECT_TRUE(limit.compliance_hold);
  EXPECT_EQ(limit.launches, 3);  // 5 free agents, 2 calls already dialing
}

TEST(AbandonBudgetLimitTest, AbandonsOnlyInTheThirtyDayWindowStillHold) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  PacingSnapshot floor = Floor(4, 0, 0, 0);
  floor.abandons_30d = 7;
  EXPECT_TRUE(LimitToAbandonBudget(floor, 12, guard).compliance_hold);
  EXPECT_EQ(LimitToAbandonBudget(floor, 12, guard).launches, 4);
}

TEST(AbandonBudgetLimitTest, AFreshCampaignIsNotOnHoldButStillGuarded) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  const LaunchLimit limit = LimitToAbandonBudget(Floor(4, 0, 0, 0), 12, guard);
  EXPECT_FALSE(limit.compliance_hold);
  EXPECT_EQ(limit.launches, guard.MaxDialing(4, 0, 0.3));
}

TEST(AbandonBudgetLimitTest, NeverMoreThanThePolicyWantsNorNegative) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  EXPECT_EQ(LimitToAbandonBudget(Floor(5, 0, 50, 1), 2, guard).launches, 2);
  EXPECT_EQ(LimitToAbandonBudget(Floor(1, 9, 0, 1), 4, guard).launches, 0);
  PacingSnapshot waiting = Floor(2, 0, 0, 1);
  waiting.calls_waiting = 3;  // more answered calls waiting than agents free
  EXPECT_EQ(LimitToAbandonBudget(waiting, 4, guard).launches, 0);
}

}  // namespace
}  // namespace tmk::dialing
