#pragma once
// Call rollup changes at the grain of the campaign rollups (R26, R27): the agent dropped, the
// bucket kept (15 minutes) or widened to its UTC day. Campaign, queue, region and whole-floor
// reports sum these far fewer rows; only agent and agent-group questions need the agent.
#include <vector>

#include "services/reporting/domain/call_contribution.h"

namespace tmk::reporting {

enum class CampaignGrain { kQuarterHour, kUtcDay };

// `changes` re-keyed at `grain`: changes meeting on one key are summed (a retraction and an
// addition that only moved the call between agents cancel out) and those summing to zero dropped,
// in the order their keys first appear.
std::vector<CallContribution> AtCampaignGrain(const std::vector<CallContribution>& changes,
                                              CampaignGrain grain);

}  // namespace tmk::reporting
