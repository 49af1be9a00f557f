#pragma once
// Where a call counts and what it counts for (R20, R26-R28). A projection applying a new step
// retracts the call's previous contribution and adds the new one, so the rollups always equal the
// sum over the calls' current facts, whatever order the steps came in.
#include <string>
#include <vector>

#include "services/reporting/domain/call_facts.h"
#include "services/reporting/domain/call_measures.h"

namespace tmk::reporting {

// One rollup row: a 15-minute bucket and the dimensions reports split by. Agent groups are not a
// key: an agent's group comes from the roster at query time, so a roster event arriving after the
// calls changes nothing already rolled up.
struct CallRollupKey {
  TimePoint bucket;
  std::string region_id;
  std::string campaign_id;
  std::string variant_id;
  std::string agent_id;
  std::string queue_id;
  Direction direction = Direction::kUnspecified;

  friend bool operator==(const CallRollupKey& a, const CallRollupKey& b) {
    return a.bucket == b.bucket && a.region_id == b.region_id && a.campaign_id == b.campaign_id &&
           a.variant_id == b.variant_id && a.agent_id == b.agent_id && a.queue_id == b.queue_id &&
           a.direction == b.direction;
  }
};

struct CallContribution {
  CallRollupKey key;
  CallMeasures measures;
};

// The compliance definition of an outbound abandon (R20): answered by a person, and no agent on
// the line within 2 s (an agent connecting later still makes it an abandon).
inline constexpr Millis kAbandonConnectLimit{2000};
bool IsAbandon(const CallFacts& facts);

CallContribution ContributionOf(const CallFacts& facts);

// The rollup changes that turn `before` into `after`: a retraction and an addition, or one
// change when the key stayed, or nothing.
std::vector<CallContribution> ContributionChange(const CallFacts* before, const CallFacts& after);

// `changes` with those meeting on one key summed and those summing to zero dropped, in the order
// their keys first appear: a batch of events moves each rollup row once (R26-R29 throughput), and
// a retraction cancelled by an addition to the same row writes nothing.
std::vector<CallContribution> SumByKey(const std::vector<CallContribution>& changes);

}  // namespace tmk::reporting
