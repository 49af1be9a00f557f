#include "services/reporting/domain/campaign_contribution.h"

#include <algorithm>

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {

std::vector<CallContribution> AtCampaignGrain(const std::vector<CallContribution>& changes,
                                              CampaignGrain grain) {
  std::vector<CallContribution> out;
  for (CallContribution change : changes) {
    change.key.agent_id.clear();
    if (grain == CampaignGrain::kUtcDay) change.key.bucket = UtcDayStart(change.key.bucket);
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const CallContribution& c) { return c.key == change.key; });
    if (same == out.end()) {
      out.push_back(std::move(change));
    } else {
      same->measures += change.measures;
    }
  }
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const CallContribution& c) { return c.measures.IsZero(); }),
            out.end());
  return out;
}

}  // namespace tmk::reporting
