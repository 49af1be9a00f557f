#include "services/campaigns/domain/campaign_forecast.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tmk::campaigns {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

constexpr int64_t kMaxListSize = 1'000'000'000;
constexpr int kMaxAgents = 100'000;
constexpr double kMaxAttemptsPerLead = 100;
constexpr milliseconds kMaxHandleTime = hours(24);
constexpr milliseconds kMaxUnreachedTime = hours(1);

double Seconds(milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

bool InUnitInterval(double x) { return std::isfinite(x) && x > 0 && x <= 1; }

// Checks the rates that are given and returns the names of those left at zero.
std::vector<std::string> CheckRates(const ForecastAssumptions& a, Violations& v) {
  std::vector<std::string> missing;
  if (a.list_size == 0) {
    missing.push_back("list_size");
  } else if (a.list_size < 0 || a.list_size > kMaxListSize) {
    v.Add("assumptions.list_size", "1 to 10^9 leads");
  }
  struct Rate {
    const char* name;
    double value;
  };
  for (const Rate& r : {Rate{"contact_rate", a.contact_rate},
                        Rate{"conversion_rate", a.conversion_rate},
                        Rate{"occupancy", a.occupancy}}) {
    if (r.value == 0) {
      missing.push_back(r.name);
    } else if (!InUnitInterval(r.value)) {
      v.Add(absl::StrCat("assumptions.", r.name), "a share in (0, 1]");
    }
  }
  if (a.attempts_per_lead == 0) {
    missing.push_back("attempts_per_lead");
  } else if (!std::isfinite(a.attempts_per_lead) || a.attempts_per_lead < 1 ||
             a.attempts_per_lead > kMaxAttemptsPerLead) {
    v.Add("assumptions.attempts_per_lead", "1 to 100: every lead is dialed at least once");
  }
  if (a.mean_handle_time.count() == 0) {
    missing.push_back("mean_handle_time");
  } else if (a.mean_handle_time.count() < 0 || a.mean_handle_time > kMaxHandleTime) {
    v.Add("assumptions.mean_handle_time", "more than 0, at most 24h");
  }
  if (a.mean_unreached_time.count() == 0) {
    missing.push_back("mean_unreached_time");
  } else if (a.mean_unreached_time.count() < 0 || a.mean_unreached_time > kMaxUnreachedTime) {
    v.Add("assumptions.mean_unreached_time", "more than 0, at most 1h");
  }
  const int basis = static_cast<int>(a.basis);
  if (basis < 0 || basis > 3) v.Add("assumptions.basis", "unknown forecast basis");
  return missing;
}

void CheckConstraints(const ForecastConstraints& c, Violations& v) {
  if (c.agents <= 0 || c.agents > kMaxAgents) {
    v.Add("constraints.agents", "required: 1 to 100000 agents");
  }
  if (!std::isfinite(c.hours_per_day) || c.hours_per_day <= 0 || c.hours_per_day > 24) {
    v.Add("constraints.hours_per_day", "required: productive hours per agent per day, (0, 24]");
  }
  CheckMoney(c.budget, "constraints.budget", v);
}

// The one currency of the amounts that are set ("" when none is).
std::string CurrencyOf(const std::vector<const Money*>& amounts) {
  for (const Money* m : amounts) {
    if (!IsZero(*m)) return m->currency_code;
  }
  return "";
}

std::vector<const Money*> Amounts(const CampaignEconomics& e) {
  return {&e.cost_per_agent_hour, &e.cost_per_line_minute, &e.fixed_cost,
          &e.revenue_per_order,   &e.expected_ltv,         &e.budget};
}

absl::Status TooLarge() {
  return absl::OutOfRangeError("the forecast's amounts are too large for Money");
}

}  // namespace

void CheckEconomics(const CampaignEconomics& e, std::string_view field, Violations& v) {
  const std::string base(field);
  const char* names[] = {"cost_per_agent_hour", "cost_per_line_minute", "fixed_cost",
                         "revenue_per_order",   "expected_ltv",         "budget"};
  const std::vector<const Money*> amounts = Amounts(e);
  const std::string currency = CurrencyOf(amounts);
  for (size_t i = 0; i < amounts.size(); ++i) {
    const std::string at = absl::StrCat(base, ".", names[i]);
    CheckMoney(*amounts[i], at, v);
    if (!IsZero(*amounts[i]) && amounts[i]->currency_code != currency) {
      v.Add(at + ".currency_code",
            absl::StrCat("all amounts are in one currency (", currency, ")"));
    }
  }
}

absl::StatusOr<CampaignForecast> ForecastCampaign(const ForecastAssumptions& assumptions,
                                                  const ForecastConstraints& constraints,
                                                  const CampaignEconomics& economics,
                                                  TimePoint from,
                                                  std::optional<TimePoint> campaign_end) {
  CampaignForecast out;
  out.assumptions = assumptions;
  if (out.assumptions.basis == ForecastBasis::kUnspecified) {
    out.assumptions.basis = ForecastBasis::kAssumed;
  }
  const ForecastAssumptions& a = out.assumptions;

  Violations v;
  const std::vector<std::string> missing = CheckRates(a, v);
  if (a.basis == ForecastBasis::kAssumed) {
    for (const std::string& name : missing) {
      v.Add(absl::StrCat("assumptions.", name), "required for basis ASSUMED");
    }
  }
  CheckConstraints(constraints, v);
  const std::string currency = CurrencyOf(Amounts(economics));
  if (!IsZero(constraints.budget) && !currency.empty() &&
      constraints.budget.currency_code != currency) {
    v.Add("constraints.budget.currency_code",
          absl::StrCat("the campaign's economics are in ", currency));
  }
  if (!v.empty()) return v.ToStatus("invalid forecast request");
  if (!missing.empty()) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "no measured rates for basis ", a.basis == ForecastBasis::kPilot ? "PILOT" : "HISTORY",
            " yet (reporting measures them); give ", absl::StrJoin(missing, ", "),
            " or use basis ASSUMED")),
        "NO_MEASURED_RATES");
  }
  Violations bad_economics;
  CheckEconomics(economics, "economics", bad_economics);
  if (!bad_economics.empty()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "the campaign's economics are invalid: ",
                          bad_economics.ToStatus("economics").message())),
                      "INVALID_ECONOMICS");
  }

  // The whole list.
  const double leads = static_cast<double>(a.list_size);
  const double attempts = leads * a.attempts_per_lead;
  const double contacts = attempts * a.contact_rate;
  const double orders = std::min(contacts, leads) * a.conversion_rate;
  const double handle_seconds = contacts * Seconds(a.mean_handle_time);
  const double agent_hours = handle_seconds / a.occupancy / 3600.0;
  const double line_minutes =
      (handle_seconds + (attempts - contacts) * Seconds(a.mean_unreached_time)) / 60.0;
  const long double variable_nanos =
      static_cast<long double>(agent_hours) *
          static_cast<long double>(TotalNanos(economics.cost_per_agent_hour)) +
      static_cast<long double>(line_minutes) *
          static_cast<long double>(TotalNanos(economics.cost_per_line_minute));

  // What fits.
  const double daily_hours = constraints.agents * constraints.hours_per_day;
  double coverage = 1;
  BindingConstraint binding = BindingConstraint::kNone;
  std::optional<TimePoint> deadline = constraints.deadline;
  if (campaign_end && (!deadline || *campaign_end < *deadline)) deadline = campaign_end;
  if (deadline) {
    const double days = std::max(
        0.0, std::chrono::duration<double, std::ratio<86400>>(*deadline - from).count());
    const double share = agent_hours > 0 ? days * daily_hours / agent_hours : 1;
    if (share < coverage) {
      coverage = share;
      binding = days > 0 ? BindingConstraint::kAgents : BindingConstraint::kDeadline;
    }
  }
  out.constraints = constraints;
  if (IsZero(out.constraints.budget)) out.constraints.budget = economics.budget;
  if (!IsZero(out.constraints.budget)) {
    const long double left = static_cast<long double>(TotalNanos(out.constraints.budget)) -
                             static_cast<long double>(TotalNanos(economics.fixed_cost));
    double share = 1;
    if (left <= 0) {
      share = 0;
    } else if (variable_nanos > 0) {
      share = static_cast<double>(left / variable_nanos);
    }
    if (share < coverage) {
      coverage = share;
      binding = BindingConstraint::kBudget;
    }
  }

  out.list_coverage = coverage;
  out.binding_constraint = binding;
  out.feasible = binding == BindingConstraint::kNone;
  out.dial_attempts = std::llround(attempts * coverage);
  out.contacts = std::llround(contacts * coverage);
  out.orders = std::llround(orders * coverage);
  out.agent_hours = agent_hours * coverage;
  out.line_minutes = line_minutes * coverage;
  out.duration_days = out.agent_hours / daily_hours;

  const std::optional<Money> hours_cost = Scale(economics.cost_per_agent_hour, out.agent_hours);
  const std::optional<Money> line_cost = Scale(economics.cost_per_line_minute, out.line_minutes);
  if (!hours_cost || !line_cost) return TooLarge();
  const absl::int128 cost =
      TotalNanos(*hours_cost) + TotalNanos(*line_cost) + TotalNanos(economics.fixed_cost);
  const absl::int128 revenue = TotalNanos(economics.revenue_per_order) * out.orders;
  const absl::int128 lifetime = TotalNanos(economics.expected_ltv) * out.orders;
  std::optional<Money> cost_money = MoneyFromNanos(cost, currency);
  std::optional<Money> revenue_money = MoneyFromNanos(revenue, currency);
  std::optional<Money> lifetime_money = MoneyFromNanos(lifetime, currency);
  if (!cost_money || !revenue_money || !lifetime_money) return TooLarge();
  out.cost = *cost_money;
  out.revenue = *revenue_money;
  out.lifetime_value = *lifetime_money;
  out.roi = cost > 0 ? static_cast<double>(static_cast<long double>(revenue - cost) /
                                           static_cast<long double>(cost))
                     : 0;
  return out;
}

}  // namespace tmk::campaigns
