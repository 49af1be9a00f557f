#pragma once
// Progressive dialing (R17): one call per ready agent, so a person who answers always finds an
// agent and nothing is ever abandoned for pacing.
#include "services/dialing/domain/dial_policy.h"

namespace tmk::dialing {

class ProgressivePolicy final : public DialPolicy {
 public:
  int CallsToLaunch(const PacingSnapshot& floor) override;
};

}  // namespace tmk::dialing
