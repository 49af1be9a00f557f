#pragma once
// Which eligible leads the hopper keeps ready, in dialing order (R12, R17, R19, R20): due
// callbacks first, then priority (VIPs higher), then the longest-waiting next attempt, then lead id
// so the order is total and a refill is reproducible.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"

namespace tmk::dialing {

// An eligible lead (EvaluateEligibility said yes), reduced to what ordering needs.
struct HopperCandidate {
  std::string lead_id;
  std::string campaign_id;
  std::string customer_id;
  bool callback_due = false;
  int priority = 0;
  std::optional<TimePoint> next_attempt_time;  // none (a new lead) sorts first among equals
};

// Strict weak ordering: true when `a` is dialed before `b`.
bool DialsBefore(const HopperCandidate& a, const HopperCandidate& b);

// Up to `per_campaign` leads of each campaign in dialing order, each customer at most once across
// all campaigns of the batch (R20: one customer is never rung by two campaigns at once; the first
// by dialing order wins). `per_campaign` gives a campaign's free hopper slots; a campaign it does
// not name gets none.
std::vector<HopperCandidate> SelectHopperBatch(std::vector<HopperCandidate> candidates,
                                               const std::map<std::string, int>& per_campaign);

}  // namespace tmk::dialing
