#include "services/reporting/domain/call_contribution.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {
namespace {

// Orders keys so a batch's changes are summed in O(n log n), whatever their number.
struct KeyLess {
  static auto Tie(const CallRollupKey& k) {
    return std::tie(k.bucket, k.region_id, k.campaign_id, k.variant_id, k.agent_id, k.queue_id,
                    k.direction);
  }
  bool operator()(const CallRollupKey& a, const CallRollupKey& b) const {
    return Tie(a) < Tie(b);
  }
};

}  // namespace

bool IsAbandon(const CallFacts& facts) {
  if (facts.direction == Direction::kInbound) return facts.abandoned && !facts.connected;
  if (!facts.answered || facts.machine_detected) return false;
  if (facts.connected) return facts.connect_wait > kAbandonConnectLimit;
  // Not connected: an abandon once the dialer said so or the call ended without an agent.
  return facts.abandoned || facts.ended;
}

CallContribution ContributionOf(const CallFacts& f) {
  CallContribution c;
  c.key = {BucketStart(f.start), f.region_id, f.campaign_id, f.variant_id,
           f.agent_id,           f.queue_id,  f.direction};
  CallMeasures& m = c.measures;
  const bool inbound = f.direction == Direction::kInbound;
  if (!inbound) m.dial_attempts = 1;
  const bool reached = inbound ? f.connected : (f.answered && !f.machine_detected);
  m.contacts = reached ? 1 : 0;
  m.offered = inbound ? 1 : (f.answered && !f.machine_detected ? 1 : 0);
  m.machine_detected = f.machine_detected ? 1 : 0;
  m.abandoned = IsAbandon(f) ? 1 : 0;
  m.abandons_by_agent =
      f.abandoned && f.abandon_reason == kAbandonAgentConnectTimeout && !f.agent_id.empty() ? 1 : 0;
  if (f.connected) {
    m.handled = 1;
    m.wait_ms = f.connect_wait.count();
    for (size_t i = 0; i < kServiceLevelSeconds.size(); ++i) {
      m.answered_within[i] = f.connect_wait <= std::chrono::seconds(kServiceLevelSeconds[i]) ? 1 : 0;
    }
    if (f.ended) {
      m.handle_count = 1;
      m.talk_ms = f.talk.count();
      m.hold_ms = f.hold.count();
      m.wrap_ms = f.wrap_up.count();
    }
  }
  if (f.transfers > 0) {
    m.transferred = 1;
    m.transfer_ms = f.transfer_total.count();
  }
  m.line_ms = f.line.count();
  if (f.dispositioned) {
    m.dispositions = 1;
    m.conversions = f.counts_as_conversion ? 1 : 0;
    m.orders = f.order_id.empty() ? 0 : 1;
  }
  return c;
}

std::vector<CallContribution> ContributionChange(const CallFacts* before, const CallFacts& after) {
  CallContribution added = ContributionOf(after);
  if (before == nullptr) return {added};
  CallContribution removed = ContributionOf(*before);
  if (removed.key == added.key) {
    added.measures -= removed.measures;
    if (added.measures.IsZero()) return {};
    return {added};
  }
  CallContribution retraction{removed.key, {}};
  retraction.measures -= removed.measures;
  return {retraction, added};
}

std::vector<CallContribution> SumByKey(const std::vector<CallContribution>& changes) {
  std::vector<CallContribution> out;
  std::map<CallRollupKey, size_t, KeyLess> index;
  for (const CallContribution& change : changes) {
    auto [at, added] = index.emplace(change.key, out.size());
    if (added) {
      out.push_back(change);
    } else {
      out[at->second].measures += change.measures;
    }
  }
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const CallContribution& c) { return c.measures.IsZero(); }),
            out.end());
  return out;
}

}  // namespace tmk::reporting
