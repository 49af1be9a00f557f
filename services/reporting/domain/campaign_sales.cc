#include "services/reporting/domain/campaign_sales.h"

namespace tmk::reporting {

void AddLeads(const LeadStateCount& count, VariantSales& sales) {
  if (count.leads == 0) return;
  for (int stage = kFirstFunnelStage; stage <= kLastFunnelStage; ++stage) {
    sales.stage_entered[stage] += (count.stages_entered & (1 << stage)) != 0 ? count.leads : 0;
    sales.stage_current[stage] += count.stage == stage ? count.leads : 0;
  }
  if (count.reached) sales.leads_reached += count.leads;
  if (count.intention != 0) sales.intention_current[count.intention] += count.leads;
  if (count.ordered) {
    std::vector<std::pair<int, int>>& orders = sales.orders_by_first_class[count.first_intention];
    orders.insert(orders.end(), count.leads, {count.order_attempts, count.order_contacts});
  }
}

}  // namespace tmk::reporting
