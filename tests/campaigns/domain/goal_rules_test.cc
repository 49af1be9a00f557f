// Goals (R15): scope and metric consistency, targets of the right kind and range, periods and the
// measured basis; and the money checks they rest on.
#include "services/campaigns/domain/goal_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tmk::campaigns {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kCampaign[] = "0190c5d2-7a3e-7b4c-8d5e-6f7a8b9c0d1e";

Goal OrdersGoal() {
  Goal g;
  g.campaign_id = kCampaign;
  g.scope = GoalScope::kCampaign;
  g.metric = GoalMetric::kOrders;
  g.target_value = 120;
  g.basis_rate = 0.04;
  g.basis_source = "pilot";
  return g;
}

Money Cny(int64_t units, int32_t nanos = 0) { return {"CNY", units, nanos}; }

std::vector<std::string> Fields(const Goal& goal) {
  Violations v;
  CheckGoal(goal, "goal", v);
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

TEST(GoalRulesTest, AcceptsACampaignOrdersGoal) { EXPECT_THAT(Fields(OrdersGoal()), IsEmpty()); }

TEST(GoalRulesTest, NeedsACampaignIdScopeAndMetric) {
  Goal g;
  g.target_value = 1;
  EXPECT_THAT(Fields(g), ElementsAre("goal.campaign_id", "goal.scope", "goal.metric"));
  g = OrdersGoal();
  g.campaign_id = "campaign-1";
  g.scope = static_cast<GoalScope>(5);
  g.metric = static_cast<GoalMetric>(9);
  EXPECT_THAT(Fields(g), ElementsAre("goal.campaign_id", "goal.scope", "goal.metric"));
}

TEST(GoalRulesTest, StageScopeNeedsAStage) {
  Goal g = OrdersGoal();
  g.scope = GoalScope::kStage;
  EXPECT_THAT(Fields(g), ElementsAre("goal.stage"));
  g.stage = SaleStage::kResolvingQuestions;
  EXPECT_THAT(Fields(g), IsEmpty());
  g.stage = static_cast<SaleStage>(7);
  EXPECT_THAT(Fields(g), ElementsAre("goal.stage"));
}

TEST(GoalRulesTest, AgentScopeNeedsAnAgentAndGroupScopeAGroup) {
  Goal g = OrdersGoal();
  g.scope = GoalScope::kAgent;
  EXPECT_THAT(Fields(g), ElementsAre("goal.agent_id"));
  g.agent_id = "agent-7";
  EXPECT_THAT(Fields(g), IsEmpty());
  g.scope = GoalScope::kAgentGroup;
  EXPECT_THAT(Fields(g), ElementsAre("goal.agent_id", "goal.agent_group_id"));
  g.agent_id.clear();
  g.agent_group_id = "ssr-north";
  EXPECT_THAT(Fields(g), IsEmpty());
  g.agent_group_id = std::string(129, 'g');
  EXPECT_THAT(Fields(g), ElementsAre("goal.agent_group_id"));
}

TEST(GoalRulesTest, ScopeFieldsOnlyWithTheirScope) {
  Goal g = OrdersGoal();
  g.stage = SaleStage::kOrder;
  g.agent_id = "agent-7";
  g.agent_group_id = "ssr-north";
  EXPECT_THAT(Fields(g), ElementsAre("goal.stage", "goal.agent_id", "goal.agent_group_id"));
}

TEST(GoalRulesTest, StageEntriesNeedStageScope) {
  Goal g = OrdersGoal();
  g.metric = GoalMetric::kStageEntries;
  EXPECT_THAT(Fields(g), ElementsAre("goal.metric"));
  g.scope = GoalScope::kStage;
  g.stage = SaleStage::kFollowUp;
  EXPECT_THAT(Fields(g), IsEmpty());
}

TEST(GoalRulesTest, RevenueNeedsAnAmountAndNoValue) {
  Goal g = OrdersGoal();
  g.metric = GoalMetric::kRevenue;
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_value", "goal.target_amount"));
  g.target_value = 0;
  g.target_amount = Cny(500000);
  EXPECT_THAT(Fields(g), IsEmpty());
  g.target_amount = {"cny", 10, 0};
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_amount.currency_code"));
  g.target_amount = Cny(-10);
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_amount.units"));
  g.target_amount = Cny(1, 1'000'000'000);
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_amount.nanos"));
  g.target_amount = Cny(1, -5);
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_amount.nanos", "goal.target_amount.units"));
}

TEST(GoalRulesTest, OtherMetricsHaveNoAmount) {
  Goal g = OrdersGoal();
  g.target_amount = Cny(10);
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_amount"));
}

TEST(GoalRulesTest, TargetsArePositive) {
  Goal g = OrdersGoal();
  for (double bad : {0.0, -3.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    g.target_value = bad;
    EXPECT_THAT(Fields(g), ElementsAre("goal.target_value")) << bad;
  }
}

TEST(GoalRulesTest, RatesAreAtMostOne) {
  Goal g = OrdersGoal();
  g.metric = GoalMetric::kConversionRate;
  g.target_value = 0.06;
  EXPECT_THAT(Fields(g), IsEmpty());
  g.target_value = 1.5;
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_value"));
  g.metric = GoalMetric::kContactRate;
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_value"));
  g.target_value = 1;
  EXPECT_THAT(Fields(g), IsEmpty());
}

TEST(GoalRulesTest, CountsAreWholeNumbers) {
  Goal g = OrdersGoal();
  g.target_value = 12.5;
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_value"));
  g.metric = GoalMetric::kDialAttempts;
  EXPECT_THAT(Fields(g), ElementsAre("goal.target_value"));
  g.metric = GoalMetric::kSatisfaction;  // an average score: fractions are fine
  EXPECT_THAT(Fields(g), IsEmpty());
}

TEST(GoalRulesTest, PeriodEndsAfterItStarts) {
  Goal g = OrdersGoal();
  TimePoint start = TimePoint() + std::chrono::hours(24 * 20000);
  g.period_start = start;
  g.period_end = start;
  EXPECT_THAT(Fields(g), ElementsAre("goal.period_end"));
  g.period_end = start + std::chrono::hours(24 * 7);
  EXPECT_THAT(Fields(g), IsEmpty());
  g.period_start.reset();  // open start: from the campaign's start
  EXPECT_THAT(Fields(g), IsEmpty());
}

TEST(GoalRulesTest, BasisIsAMeasuredRateWithItsSource) {
  Goal g = OrdersGoal();
  g.basis_rate = 1.2;
  EXPECT_THAT(Fields(g), ElementsAre("goal.basis_rate"));
  g.basis_rate = -0.1;
  EXPECT_THAT(Fields(g), ElementsAre("goal.basis_rate"));
  g.basis_rate = 0.05;
  g.basis_source.clear();
  EXPECT_THAT(Fields(g), ElementsAre("goal.basis_source"));
  g.basis_rate = 0;  // no basis given at all
  EXPECT_THAT(Fields(g), IsEmpty());
  g.note = std::string(2001, 'n');
  g.basis_source = std::string(201, 's');
  EXPECT_THAT(Fields(g), ElementsAre("goal.basis_source", "goal.note"));
}

TEST(GoalRulesTest, AGroupGoalNamesOneOfTheCampaignsGroups) {
  Goal g = OrdersGoal();
  g.scope = GoalScope::kAgentGroup;
  g.agent_group_id = "ssr-south";
  Violations v;
  CheckGoalFitsCampaign(g, {"ssr-north", "vip-care"}, "goal", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "goal.agent_group_id");
  Violations fits;
  CheckGoalFitsCampaign(g, {"ssr-north", "ssr-south"}, "goal", fits);
  EXPECT_TRUE(fits.empty());
  Violations any_group;
  CheckGoalFitsCampaign(g, {}, "goal", any_group);  // the campaign names no groups yet
  EXPECT_TRUE(any_group.empty());
}

TEST(MoneyTest, ConvertsExactlyThroughNanos) {
  EXPECT_EQ(TotalNanos(Cny(1, 500'000'000)), absl::int128(1'500'000'000));
  EXPECT_EQ(TotalNanos({"CNY", -1, -500'000'000}), absl::int128(-1'500'000'000));
  std::optional<Money> m = MoneyFromNanos(absl::int128(-2'250'000'000), "CNY");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->units, -2);
  EXPECT_EQ(m->nanos, -250'000'000);
  EXPECT_FALSE(MoneyFromNanos(absl::int128(std::numeric_limits<int64_t>::max()) * 2'000'000'000,
                              "CNY")
                   .has_value());
}

TEST(MoneyTest, ScalesWithOneRounding) {
  std::optional<Money> m = Scale(Cny(0, 333'333'333), 3);  // 0.333333333 x 3
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->units, 0);
  EXPECT_EQ(m->nanos, 999'999'999);
  m = Scale(Cny(45), 2.5);
  EXPECT_EQ(m->units, 112);
  EXPECT_EQ(m->nanos, 500'000'000);
  EXPECT_EQ(m->currency_code, "CNY");
}

}  // namespace
}  // namespace tmk::campaigns
