#include "services/dialing/domain/hopper_batch.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

namespace tmk::dialing {

bool DialsBefore(const HopperCandidate& a, const HopperCandidate& b) {
  // A lead never attempted has waited since it was loaded: it sorts as the earliest time.
  const TimePoint a_time = a.next_attempt_time.value_or(TimePoint::min());
  const TimePoint b_time = b.next_attempt_time.value_or(TimePoint::min());
  return std::make_tuple(!a.callback_due, -a.priority, a_time, std::cref(a.lead_id)) <
         std::make_tuple(!b.callback_due, -b.priority, b_time, std::cref(b.lead_id));
}

std::vector<HopperCandidate> SelectHopperBatch(std::vector<HopperCandidate> candidates,
                                               const std::map<std::string, int>& per_campaign) {
  std::sort(candidates.begin(), candidates.end(), DialsBefore);
  std::map<std::string, int> taken;
  std::set<std::string> customers;
  std::vector<HopperCandidate> batch;
  for (HopperCandidate& c : candidates) {
    auto limit = per_campaign.find(c.campaign_id);
    if (limit == per_campaign.end() || taken[c.campaign_id] >= limit->second) continue;
    if (!customers.insert(c.customer_id).second) continue;
    ++taken[c.campaign_id];
    batch.push_back(std::move(c));
  }
  return batch;
}

}  // namespace tmk::dialing
