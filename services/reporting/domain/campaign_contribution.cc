#include "services/reporting/domain/campaign_contribution.h"

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {

std::vector<CallContribution> AtCampaignGrain(const std::vector<CallContribution>& changes,
                                              CampaignGrain grain) {
  std::vector<CallContribution> rekeyed = changes;
  for (CallContribution& change : rekeyed) {
    change.key.agent_id.clear();
    if (grain == CampaignGrain::kUtcDay) change.key.bucket = UtcDayStart(change.key.bucket);
  }
  return SumByKey(rekeyed);
}

}  // namespace tmk::reporting
