#pragma once
// The dial modes of a campaign (R17) and the pacing policy each runs. Numeric values equal
// telemarketing.common.v1.DialMode.
#include <memory>

#include "absl/status/statusor.h"
#include "services/dialing/domain/dial_policy.h"

namespace tmk::dialing {

enum class DialMode {
  kUnspecified = 0,
  kPreview = 1,      // the agent reads the lead, then dials or skips it: no pacing
  kProgressive = 2,  // one call per ready agent
  kPower = 3,        // a fixed number of lines per agent
  kPredictive = 4,   // PacingController under the AbandonGuard (R20)
  kManual = 5,       // the agent dials by hand: no pacing
};

// Whether the dialer itself launches calls in this mode.
bool IsPaced(DialMode mode);

// The policy of a paced mode: progressive, power at `power_ratio` lines per agent (>= 1), or
// predictive (PacingController with its default settings). INVALID_ARGUMENT for a mode the
// dialer does not pace or a ratio below 1.
absl::StatusOr<std::unique_ptr<DialPolicy>> MakeDialPolicy(DialMode mode, double power_ratio);

}  // namespace tmk::dialing
