#pragma once
// The campaign forecast (R15, R16): from the list size and rates, the volume, effort, cost and
// return of working the list, and how much of it fits the constraints (agents, hours, deadline,
// budget). Mirrors telemarketing.campaigns.v1 economics.proto.
//
// The model, per lead worked (L leads, coverage f of the list):
//   dial attempts  = L x attempts_per_lead
//   contacts       = dial attempts x contact_rate (reached calls, as reporting counts them, R27)
//   orders         = min(contacts, L) x conversion_rate — conversion is per reached customer,
//                    and a lead reached several times is still one customer
//   agent hours    = contacts x mean_handle_time / occupancy (agents are paid for idle time too;
//                    unreached attempts need no agent: the dialer places them)
//   line minutes   = contacts x mean_handle_time + (attempts - contacts) x mean_unreached_time
//                    (the contract gives no separate talk time, so a reached call's line time is
//                    its handle time)
//   duration days  = agent hours / (agents x hours_per_day), each calendar day a working day
//   cost           = agent hours x cost_per_agent_hour + line minutes x cost_per_line_minute
//                    + fixed_cost;   revenue = orders x revenue_per_order;
//   ROI            = (revenue - cost) / cost (0 when nothing costs anything);
//   lifetime value = orders x expected_ltv.
// Coverage f is the largest share of the list every constraint allows (each output is then the
// whole-list figure times f; counts round to the nearest integer):
//   time   the agents' hours between `from` and the deadline (the earlier of
//          constraints.deadline and the campaign's end_time) — BINDING_CONSTRAINT_AGENTS when
//          there is time but too few agent hours (more agents would help), DEADLINE when no time
//          is left at all (nothing would);
//   budget the amount left after fixed_cost over the variable cost — BUDGET.
// The smallest share binds (time before budget on a tie); NONE and feasible when the whole list
// fits.
// Money: exact integer nanos (money.h); each fractional product (hours x rate, minutes x rate) is
// rounded to the nano once; shares and ROI are doubles.
#include <chrono>
#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "services/campaigns/domain/money.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

// Numeric values equal telemarketing.campaigns.v1.ForecastBasis.
enum class ForecastBasis { kUnspecified = 0, kAssumed = 1, kPilot = 2, kHistory = 3 };
// Numeric values equal telemarketing.campaigns.v1.BindingConstraint.
enum class BindingConstraint {
  kUnspecified = 0,
  kNone = 1,
  kAgents = 2,
  kDeadline = 3,
  kBudget = 4,
};

struct ForecastAssumptions {
  int64_t list_size = 0;
  double contact_rate = 0;
  double conversion_rate = 0;
  double attempts_per_lead = 0;
  std::chrono::milliseconds mean_handle_time{0};
  std::chrono::milliseconds mean_unreached_time{0};
  double occupancy = 0;
  ForecastBasis basis = ForecastBasis::kUnspecified;
};

struct ForecastConstraints {
  int agents = 0;
  double hours_per_day = 0;
  std::optional<TimePoint> deadline;
  Money budget;  // zero: the campaign's budget
};

struct CampaignEconomics {
  Money cost_per_agent_hour;
  Money cost_per_line_minute;
  Money fixed_cost;
  Money revenue_per_order;
  Money expected_ltv;
  Money budget;  // zero: no limit
};

struct CampaignForecast {
  ForecastAssumptions assumptions;  // basis resolved (UNSPECIFIED means ASSUMED)
  ForecastConstraints constraints;  // budget resolved to the one applied
  double list_coverage = 0;
  int64_t dial_attempts = 0;
  int64_t contacts = 0;
  int64_t orders = 0;
  double agent_hours = 0;
  double line_minutes = 0;
  double duration_days = 0;
  Money cost;
  Money revenue;
  double roi = 0;
  Money lifetime_value;
  BindingConstraint binding_constraint = BindingConstraint::kUnspecified;
  bool feasible = false;
};

// Every amount well formed and not negative, all in one currency; under
// "<field>.cost_per_agent_hour" etc.
void CheckEconomics(const CampaignEconomics& economics, std::string_view field,
                    Violations& violations);

// The forecast of working the list from `from` (the later of now and the campaign's start) until
// `campaign_end` (the campaign's end_time, when it has one).
//  INVALID_ARGUMENT ("assumptions.*", "constraints.*"): a rate given but out of range
//    (contact_rate, conversion_rate, occupancy in (0, 1]; attempts_per_lead in [1, 100];
//    mean_handle_time in (0, 24 h]; mean_unreached_time in (0, 1 h]; list_size up to 10^9);
//    agents 1-100000 and hours_per_day in (0, 24] missing or out of range; a budget not in the
//    economics' currency; with basis ASSUMED (or unspecified), any rate left at zero.
//  FAILED_PRECONDITION: basis PILOT or HISTORY with a rate left at zero — there are no measured
//    rates in this service yet (reporting measures them), so nothing is invented; or economics
//    that fail CheckEconomics.
//  OUT_OF_RANGE: an amount too large for Money.
absl::StatusOr<CampaignForecast> ForecastCampaign(const ForecastAssumptions& assumptions,
                                                  const ForecastConstraints& constraints,
                                                  const CampaignEconomics& economics,
                                                  TimePoint from,
                                                  std::optional<TimePoint> campaign_end);

}  // namespace tmk::campaigns
