#include "services/dialing/domain/power_policy.h"

#include <algorithm>
#include <cmath>

namespace tmk::dialing {

absl::StatusOr<PowerPolicy> PowerPolicy::Create(double lines_per_agent) {
  if (!(lines_per_agent >= 1 && lines_per_agent <= 20)) {
    return absl::InvalidArgumentError("power dialing needs 1 to 20 lines per agent");
  }
  return PowerPolicy(lines_per_agent);
}

int PowerPolicy::CallsToLaunch(const PacingSnapshot& floor) {
  // Lines are every call of the campaign: dialing, waiting for an agent and connected.
  const int lines = static_cast<int>(std::lround(lines_per_agent_ * floor.agents));
  return std::max(0, lines - floor.calls_dialing - floor.calls_waiting - floor.calls_connected);
}

}  // namespace tmk::dialing
