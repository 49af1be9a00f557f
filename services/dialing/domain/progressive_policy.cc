#include "services/dialing/domain/progressive_policy.h"

#include <algorithm>

namespace tmk::dialing {

int ProgressivePolicy::CallsToLaunch(const PacingSnapshot& floor) {
  // Calls already dialing or waiting are each promised to a ready agent.
  return std::max(0, floor.ready_agents - floor.calls_dialing - floor.calls_waiting);
}

}  // namespace tmk::dialing
