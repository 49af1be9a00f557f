#include "services/campaigns/domain/goal_rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"

namespace tmk::campaigns {
namespace {

constexpr size_t kMaxId = 128;
constexpr size_t kMaxBasisSource = 200;
constexpr size_t kMaxNote = 2000;
// Large enough for any campaign, small enough to stay exact as a double.
constexpr double kMaxCount = 1e12;

bool IsKnown(GoalScope scope) {
  return static_cast<int>(scope) >= 1 && static_cast<int>(scope) <= 4;
}
bool IsKnown(GoalMetric metric) {
  return static_cast<int>(metric) >= 1 && static_cast<int>(metric) <= 8;
}
bool IsRate(GoalMetric metric) {
  return metric == GoalMetric::kContactRate || metric == GoalMetric::kConversionRate;
}
bool IsCount(GoalMetric metric) {
  return metric == GoalMetric::kDialAttempts || metric == GoalMetric::kContacts ||
         metric == GoalMetric::kStageEntries || metric == GoalMetric::kOrders;
}

void CheckScope(const Goal& goal, const std::string& base, Violations& v) {
  if (!IsKnown(goal.scope)) {
    v.Add(base + ".scope", "required: CAMPAIGN, STAGE, AGENT or AGENT_GROUP");
  }
  if (goal.scope == GoalScope::kStage) {
    if (!IsKnown(goal.stage)) {
      v.Add(base + ".stage", "required for scope STAGE: a known sale stage");
    }
  } else if (goal.stage != SaleStage::kUnspecified) {
    v.Add(base + ".stage", "only for scope STAGE");
  }
  if (goal.scope == GoalScope::kAgent) {
    if (goal.agent_id.empty()) v.Add(base + ".agent_id", "required for scope AGENT");
  } else if (!goal.agent_id.empty()) {
    v.Add(base + ".agent_id", "only for scope AGENT");
  }
  if (goal.scope == GoalScope::kAgentGroup) {
    if (goal.agent_group_id.empty()) {
      v.Add(base + ".agent_group_id", "required for scope AGENT_GROUP");
    }
  } else if (!goal.agent_group_id.empty()) {
    v.Add(base + ".agent_group_id", "only for scope AGENT_GROUP");
  }
  if (goal.agent_id.size() > kMaxId) v.Add(base + ".agent_id", "at most 128 bytes");
  if (goal.agent_group_id.size() > kMaxId) v.Add(base + ".agent_group_id", "at most 128 bytes");
}

void CheckTarget(const Goal& goal, const std::string& base, Violations& v) {
  if (!IsKnown(goal.metric)) {
    v.Add(base + ".metric", "required: a known goal metric");
    return;
  }
  if (goal.metric == GoalMetric::kStageEntries && goal.scope != GoalScope::kStage) {
    v.Add(base + ".metric", "STAGE_ENTRIES counts entries into a stage: use scope STAGE");
  }
  if (goal.metric == GoalMetric::kRevenue) {
    if (goal.target_value != 0) {
      v.Add(base + ".target_value", "REVENUE targets an amount: use target_amount");
    }
    if (IsZero(goal.target_amount)) {
      v.Add(base + ".target_amount", "required for REVENUE: a positive amount");
    } else {
      CheckMoney(goal.target_amount, base + ".target_amount", v);
    }
    return;
  }
  if (!IsZero(goal.target_amount) || !goal.target_amount.currency_code.empty()) {
    v.Add(base + ".target_amount", "only for metric REVENUE");
  }
  const double t = goal.target_value;
  if (!std::isfinite(t) || t <= 0) {
    v.Add(base + ".target_value", "required: a positive target (a target of zero is no goal)");
  } else if (IsRate(goal.metric) && t > 1) {
    v.Add(base + ".target_value", "a rate is at most 1");
  } else if (IsCount(goal.metric) && (t != std::floor(t) || t > kMaxCount)) {
    v.Add(base + ".target_value", "a count is a whole number up to 10^12");
  }
}

}  // namespace

void CheckGoal(const Goal& goal, std::string_view field, Violations& v) {
  const std::string base(field);
  if (goal.campaign_id.empty()) {
    v.Add(base + ".campaign_id", "required");
  } else if (!Uuid::Parse(goal.campaign_id)) {
    v.Add(base + ".campaign_id", "not a campaign id (a UUID)");
  }
  CheckScope(goal, base, v);
  CheckTarget(goal, base, v);
  if (goal.period_start && goal.period_end && *goal.period_end <= *goal.period_start) {
    v.Add(base + ".period_end", "must be after period_start");
  }
  if (!std::isfinite(goal.basis_rate) || goal.basis_rate < 0 || goal.basis_rate > 1) {
    v.Add(base + ".basis_rate", "a measured rate in [0, 1]");
  } else if (goal.basis_rate > 0 && goal.basis_source.empty()) {
    v.Add(base + ".basis_source",
          "required with basis_rate: where the rate was measured, e.g. \"pilot\" (R15)");
  }
  if (goal.basis_source.size() > kMaxBasisSource) {
    v.Add(base + ".basis_source", absl::StrCat("at most ", kMaxBasisSource, " bytes"));
  }
  if (goal.note.size() > kMaxNote) {
    v.Add(base + ".note", absl::StrCat("at most ", kMaxNote, " bytes"));
  }
}

void CheckGoalFitsCampaign(const Goal& goal, const std::vector<std::string>& campaign_agent_groups,
                           std::string_view field, Violations& v) {
  if (goal.scope != GoalScope::kAgentGroup || goal.agent_group_id.empty() ||
      campaign_agent_groups.empty()) {
    return;
  }
  if (std::find(campaign_agent_groups.begin(), campaign_agent_groups.end(),
                goal.agent_group_id) == campaign_agent_groups.end()) {
    v.Add(std::string(field) + ".agent_group_id",
          absl::StrCat("'", goal.agent_group_id.substr(0, kMaxId),
                       "' is not one of the campaign's agent groups"));
  }
}

}  // namespace tmk::campaigns
