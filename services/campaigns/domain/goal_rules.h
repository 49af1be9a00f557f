#pragma once
// Goals (R15): realistic targets for a campaign, one of its sale stages, an agent or an agent
// group, over a period, grounded in a measured rate. Mirrors telemarketing.campaigns.v1 goal.proto.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/campaigns/domain/money.h"
#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

// Numeric values equal telemarketing.campaigns.v1.GoalScope.
enum class GoalScope { kUnspecified = 0, kCampaign = 1, kStage = 2, kAgent = 3, kAgentGroup = 4 };

// Numeric values equal telemarketing.campaigns.v1.GoalMetric.
enum class GoalMetric {
  kUnspecified = 0,
  kDialAttempts = 1,
  kContacts = 2,
  kContactRate = 3,
  kStageEntries = 4,
  kOrders = 5,
  kConversionRate = 6,
  kRevenue = 7,
  kSatisfaction = 8,
};

struct Goal {
  std::string campaign_id;
  GoalScope scope = GoalScope::kUnspecified;
  SaleStage stage = SaleStage::kUnspecified;
  std::string agent_id;
  std::string agent_group_id;
  GoalMetric metric = GoalMetric::kUnspecified;
  double target_value = 0;
  Money target_amount;
  std::optional<TimePoint> period_start;
  std::optional<TimePoint> period_end;
  double basis_rate = 0;
  std::string basis_source;
  std::string note;
};

// Every problem, under `field` (e.g. "goal"):
//  campaign_id a UUID; scope and metric known.
//  scope  STAGE names a known stage, AGENT an agent_id, AGENT_GROUP an agent_group_id (<= 128
//         bytes), and each of those only with its scope. STAGE_ENTRIES counts entries into the
//         goal's stage, so it needs scope STAGE.
//  target REVENUE needs a positive target_amount and no target_value; every other metric a
//         positive finite target_value and no target_amount. Rates (CONTACT_RATE,
//         CONVERSION_RATE) are at most 1; counts (DIAL_ATTEMPTS, CONTACTS, STAGE_ENTRIES, ORDERS)
//         are whole numbers.
//  period period_end after period_start when both are set.
//  basis  basis_rate in [0, 1]; when given, basis_source says where it was measured (R15: goals
//         are grounded in measured rates); basis_source <= 200 bytes, note <= 2000 bytes.
void CheckGoal(const Goal& goal, std::string_view field, Violations& violations);

// What a goal must agree with in its campaign: an AGENT_GROUP goal names one of the campaign's
// agent groups when the campaign lists any. Violation on "<field>.agent_group_id".
void CheckGoalFitsCampaign(const Goal& goal, const std::vector<std::string>& campaign_agent_groups,
                           std::string_view field, Violations& violations);

}  // namespace tmk::campaigns
