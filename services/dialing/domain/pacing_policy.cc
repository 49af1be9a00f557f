#include "services/dialing/domain/pacing_policy.h"

#include <algorithm>
#include <utility>

namespace tmk::dialing {

PacingPolicy::PacingPolicy(int agents, int max_dialing, std::vector<int> targets)
    : agents_(agents), max_dialing_(max_dialing), targets_(std::move(targets)) {}

PacingPolicy PacingPolicy::Progressive(int agents, int max_dialing) {
  std::vector<int> targets;
  targets.reserve(size_t(agents + 1) * (max_dialing + 1));
  for (int busy = 0; busy <= agents; ++busy) {
    for (int dialing = 0; dialing <= max_dialing; ++dialing) {
      targets.push_back(std::max(dialing, std::min(agents - busy, max_dialing)));
    }
  }
  return PacingPolicy(agents, max_dialing, std::move(targets));
}

int PacingPolicy::TargetDialing(int busy, int dialing) const {
  if (dialing > max_dialing_) return dialing;
  busy = std::clamp(busy, 0, agents_);
  dialing = std::max(dialing, 0);
  return targets_[size_t(busy) * (max_dialing_ + 1) + dialing];
}

}  // namespace tmk::dialing
