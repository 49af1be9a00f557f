#pragma once
// A DialPolicy that follows a fixed PacingPolicy table: how the benchmark runs the CMDP's own
// optimal policy (with the true parameters) in the simulator, to check that the simulation and
// the model agree.
#include <algorithm>
#include <utility>

#include "services/dialing/domain/dial_policy.h"
#include "services/dialing/domain/pacing_policy.h"

namespace tmk::dialing::bench {

class TablePolicy final : public DialPolicy {
 public:
  explicit TablePolicy(PacingPolicy policy) : policy_(std::move(policy)) {}

  int CallsToLaunch(const PacingSnapshot& floor) override {
    const int busy = floor.busy_agents() + floor.calls_waiting;
    return std::max(0, policy_.TargetDialing(busy, floor.calls_dialing) - floor.calls_dialing);
  }

 private:
  PacingPolicy policy_;
};

}  // namespace tmk::dialing::bench
