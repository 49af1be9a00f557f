#include "services/campaigns/api/goal_mapping.h"

#include "services/campaigns/api/money_mapping.h"
#include "services/campaigns/api/time_mapping.h"

namespace tmk::campaigns {

Goal ToDomain(const telemarketing::campaigns::v1::Goal& goal) {
  Goal out;
  out.campaign_id = goal.campaign_id();
  out.scope = static_cast<GoalScope>(goal.scope());
  out.stage = static_cast<SaleStage>(goal.stage());
  out.agent_id = goal.agent_id();
  out.agent_group_id = goal.agent_group_id();
  out.metric = static_cast<GoalMetric>(goal.metric());
  out.target_value = goal.target_value();
  out.target_amount = ToDomain(goal.target_amount());
  if (goal.has_period_start()) out.period_start = ToTimePoint(goal.period_start());
  if (goal.has_period_end()) out.period_end = ToTimePoint(goal.period_end());
  out.basis_rate = goal.basis_rate();
  out.basis_source = goal.basis_source();
  out.note = goal.note();
  return out;
}

}  // namespace tmk::campaigns
