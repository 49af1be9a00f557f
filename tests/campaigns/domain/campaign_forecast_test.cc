// The campaign forecast (R15, R16): the documented model computed by hand for one campaign, each
// constraint binding in turn, exact money, and refusals for missing or invented rates.
#include "services/campaigns/domain/campaign_forecast.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const TimePoint kFrom = TimePoint() + hours(24 * 20600);

Money Cny(int64_t units, int32_t nanos = 0) { return {"CNY", units, nanos}; }

// 10,000 leads x 3 attempts; 30% reached; 10% of reached order; 5 min handle, 30 s unreached.
ForecastAssumptions Rates() {
  ForecastAssumptions a;
  a.list_size = 10000;
  a.contact_rate = 0.3;
  a.conversion_rate = 0.1;
  a.attempts_per_lead = 3;
  a.mean_handle_time = seconds(300);
  a.mean_unreached_time = seconds(30);
  a.occupancy = 0.8;
  a.basis = ForecastBasis::kAssumed;
  return a;
}

ForecastConstraints TenAgents() {
  ForecastConstraints c;
  c.agents = 10;
  c.hours_per_day = 6;
  return c;
}

CampaignEconomics Economics() {
  CampaignEconomics e;
  e.cost_per_agent_hour = Cny(40);
  e.cost_per_line_minute = Cny(0, 100'000'000);
  e.fixed_cost = Cny(5000);
  e.revenue_per_order = Cny(300);
  e.expected_ltv = Cny(1200);
  return e;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& f : FieldViolationsOf(status)) out.push_back(f.field);
  return out;
}

TEST(CampaignForecastTest, WorksTheWholeListWithoutBindingConstraints) {
  absl::StatusOr<CampaignForecast> f =
      ForecastCampaign(Rates(), TenAgents(), Economics(), kFrom, std::nullopt);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->dial_attempts, 30000);
  EXPECT_EQ(f->contacts, 9000);
  EXPECT_EQ(f->orders, 900);
  EXPECT_DOUBLE_EQ(f->agent_hours, 937.5);       // 9000 x 5 min / 0.8
  EXPECT_DOUBLE_EQ(f->line_minutes, 55500);      // 9000 x 5 min + 21000 x 30 s
  EXPECT_DOUBLE_EQ(f->duration_days, 15.625);    // 937.5 h / (10 x 6 h)
  EXPECT_DOUBLE_EQ(f->list_coverage, 1);
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kNone);
  EXPECT_TRUE(f->feasible);
  // 937.5 x 40 + 55,500 x 0.10 + 5,000 = 48,050
  EXPECT_EQ(f->cost.currency_code, "CNY");
  EXPECT_EQ(f->cost.units, 48050);
  EXPECT_EQ(f->cost.nanos, 0);
  EXPECT_EQ(f->revenue.units, 270000);
  EXPECT_EQ(f->lifetime_value.units, 1080000);
  EXPECT_NEAR(f->roi, (270000.0 - 48050.0) / 48050.0, 1e-12);
  EXPECT_EQ(f->assumptions.basis, ForecastBasis::kAssumed);
}

TEST(CampaignForecastTest, ConversionCountsEachReachedCustomerOnce) {
  ForecastAssumptions a = Rates();
  a.attempts_per_lead = 6;
  a.contact_rate = 0.5;  // 30,000 reached calls on 10,000 customers
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(a, TenAgents(), Economics(), kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->contacts, 30000);
  EXPECT_EQ(f->orders, 1000);
}

TEST(CampaignForecastTest, TooFewAgentHoursBeforeTheDeadlineBindAgents) {
  ForecastConstraints c = TenAgents();
  c.deadline = kFrom + hours(24 * 10);  // 600 agent hours of the 937.5 needed
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(Rates(), c, Economics(), kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_DOUBLE_EQ(f->list_coverage, 0.64);
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kAgents);
  EXPECT_FALSE(f->feasible);
  EXPECT_EQ(f->dial_attempts, 19200);
  EXPECT_EQ(f->contacts, 5760);
  EXPECT_EQ(f->orders, 576);
  EXPECT_DOUBLE_EQ(f->agent_hours, 600);
  EXPECT_DOUBLE_EQ(f->duration_days, 10);
  // 600 x 40 + 35,520 x 0.10 + 5,000
  EXPECT_EQ(f->cost.units, 32552);
  EXPECT_EQ(f->revenue.units, 576 * 300);
}

TEST(CampaignForecastTest, ADeadlineWithNoTimeLeftBindsTheDeadline) {
  ForecastConstraints c = TenAgents();
  c.deadline = kFrom - hours(1);
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(Rates(), c, Economics(), kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kDeadline);
  EXPECT_DOUBLE_EQ(f->list_coverage, 0);
  EXPECT_EQ(f->dial_attempts, 0);
  EXPECT_EQ(f->cost.units, 5000);  // the fixed cost is spent anyway
  EXPECT_LT(f->roi, 0);
}

TEST(CampaignForecastTest, TheCampaignsEndIsADeadlineToo) {
  absl::StatusOr<CampaignForecast> late =
      ForecastCampaign(Rates(), TenAgents(), Economics(), kFrom, kFrom + hours(24 * 10));
  ASSERT_TRUE(late.ok());
  EXPECT_DOUBLE_EQ(late->list_coverage, 0.64);
  ForecastConstraints c = TenAgents();
  c.deadline = kFrom + hours(24 * 5);  // earlier than the campaign's end: this one counts
  absl::StatusOr<CampaignForecast> early =
      ForecastCampaign(Rates(), c, Economics(), kFrom, kFrom + hours(24 * 10));
  ASSERT_TRUE(early.ok());
  EXPECT_DOUBLE_EQ(early->list_coverage, 0.32);
  EXPECT_EQ(early->constraints.deadline, c.deadline);
}

TEST(CampaignForecastTest, TheBudgetBindsAfterTheFixedCost) {
  CampaignEconomics e = Economics();
  e.budget = Cny(30000);
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(Rates(), TenAgents(), e, kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kBudget);
  EXPECT_NEAR(f->list_coverage, 25000.0 / 43050.0, 1e-12);
  EXPECT_NEAR(ToDouble(f->cost), 30000, 1e-6);
  EXPECT_EQ(f->constraints.budget.units, 30000);  // the campaign's budget, as applied
}

TEST(CampaignForecastTest, TheRequestsBudgetOverridesTheCampaigns) {
  CampaignEconomics e = Economics();
  e.budget = Cny(30000);
  ForecastConstraints c = TenAgents();
  c.budget = Cny(100000);
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(Rates(), c, e, kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kNone);
  c.budget = Cny(4000);  // below the fixed cost: nothing can be worked
  f = ForecastCampaign(Rates(), c, e, kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kBudget);
  EXPECT_DOUBLE_EQ(f->list_coverage, 0);
}

TEST(CampaignForecastTest, TheTighterConstraintBinds) {
  CampaignEconomics e = Economics();
  e.budget = Cny(30000);  // 58% of the list
  ForecastConstraints c = TenAgents();
  c.deadline = kFrom + hours(24 * 5);  // 32% of the list
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(Rates(), c, e, kFrom, {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kAgents);
  c.deadline = kFrom + hours(24 * 15);  // 96%
  f = ForecastCampaign(Rates(), c, e, kFrom, {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->binding_constraint, BindingConstraint::kBudget);
}

TEST(CampaignForecastTest, MoneyStaysExactForLargeCampaigns) {
  ForecastAssumptions a = Rates();
  a.list_size = 1'000'000'000;
  CampaignEconomics e = Economics();
  e.revenue_per_order = Cny(299, 990'000'000);
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(a, TenAgents(), e, kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->orders, 90'000'000);
  EXPECT_EQ(f->revenue.units, 26'999'100'000);  // 90,000,000 x 299.99
  EXPECT_EQ(f->revenue.nanos, 0);
}

TEST(CampaignForecastTest, NoCostMeansNoRoi) {
  absl::StatusOr<CampaignForecast> f =
      ForecastCampaign(Rates(), TenAgents(), CampaignEconomics{}, kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->roi, 0);
  EXPECT_EQ(f->cost.units, 0);
  EXPECT_EQ(f->cost.currency_code, "");
}

TEST(CampaignForecastTest, AssumedBasisNeedsEveryRate) {
  ForecastAssumptions a;
  a.basis = ForecastBasis::kUnspecified;  // means ASSUMED
  a.contact_rate = 0.3;
  absl::Status status = ForecastCampaign(a, TenAgents(), Economics(), kFrom, {}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(status),
              ElementsAre("assumptions.list_size", "assumptions.conversion_rate",
                          "assumptions.occupancy", "assumptions.attempts_per_lead",
                          "assumptions.mean_handle_time", "assumptions.mean_unreached_time"));
}

TEST(CampaignForecastTest, MeasuredBasesInventNothing) {
  ForecastAssumptions a = Rates();
  a.basis = ForecastBasis::kPilot;
  a.conversion_rate = 0;
  absl::Status status = ForecastCampaign(a, TenAgents(), Economics(), kFrom, {}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("no measured rates for basis PILOT"));
  EXPECT_THAT(status.message(), HasSubstr("conversion_rate"));
  EXPECT_EQ(ReasonOf(status), "NO_MEASURED_RATES");
  a.basis = ForecastBasis::kHistory;
  EXPECT_THAT(ForecastCampaign(a, TenAgents(), Economics(), kFrom, {}).status().message(),
              HasSubstr("basis HISTORY"));
  // Every rate given: the basis is only a label.
  a = Rates();
  a.basis = ForecastBasis::kPilot;
  absl::StatusOr<CampaignForecast> f = ForecastCampaign(a, TenAgents(), Economics(), kFrom, {});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->assumptions.basis, ForecastBasis::kPilot);
}

TEST(CampaignForecastTest, RefusesRatesOutOfRange) {
  ForecastAssumptions a = Rates();
  a.list_size = -5;
  a.contact_rate = 1.2;
  a.conversion_rate = -0.1;
  a.occupancy = 2;
  a.attempts_per_lead = 0.5;
  a.mean_handle_time = seconds(-1);
  a.mean_unreached_time = hours(2);
  a.basis = static_cast<ForecastBasis>(7);
  absl::Status status = ForecastCampaign(a, TenAgents(), Economics(), kFrom, {}).status();
  EXPECT_THAT(Fields(status),
              ElementsAre("assumptions.list_size", "assumptions.contact_rate",
                          "assumptions.conversion_rate", "assumptions.occupancy",
                          "assumptions.attempts_per_lead", "assumptions.mean_handle_time",
                          "assumptions.mean_unreached_time", "assumptions.basis"));
}

TEST(CampaignForecastTest, NeedsAgentsHoursAndABudgetInTheCampaignsCurrency) {
  ForecastConstraints c;
  c.budget = {"USD", 1000, 0};
  absl::Status status = ForecastCampaign(Rates(), c, Economics(), kFrom, {}).status();
  EXPECT_THAT(Fields(status), ElementsAre("constraints.agents", "constraints.hours_per_day",
                                          "constraints.budget.currency_code"));
  c = TenAgents();
  c.hours_per_day = 25;
  c.budget = Cny(-1);
  status = ForecastCampaign(Rates(), c, Economics(), kFrom, {}).status();
  EXPECT_THAT(Fields(status), ElementsAre("constraints.hours_per_day", "constraints.budget.units"));
}

TEST(CampaignForecastTest, RefusesEconomicsInTwoCurrencies) {
  CampaignEconomics e = Economics();
  e.fixed_cost = {"USD", 700, 0};
  absl::Status status = ForecastCampaign(Rates(), TenAgents(), e, kFrom, {}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "INVALID_ECONOMICS");
  Violations v;
  CheckEconomics(e, "campaign.economics", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "campaign.economics.fixed_cost.currency_code");
}

}  // namespace
}  // namespace tmk::campaigns
