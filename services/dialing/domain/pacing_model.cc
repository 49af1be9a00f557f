#include "services/dialing/domain/pacing_model.h"

#include <algorithm>
#include <cmath>

namespace tmk::dialing {
namespace {

constexpr int kSlack = 20;
// Bounds the state space (and so the solver's time and memory) for floors far larger than one
// pacing group should be.
constexpr int kMaxAgents = 1000;
constexpr int kMaxDialing = 4000;

}  // namespace

absl::Status PacingModel::Validate() const {
  if (agents < 1 || agents > kMaxAgents) {
    return absl::InvalidArgumentError("pacing model needs 1 to 1000 agents");
  }
  if (!(answer_probability > 0.001 && answer_probability <= 1)) {
    return absl::InvalidArgumentError("answer probability must be in (0.001, 1]");
  }
  if (!(mean_time_to_outcome > 0) || !(mean_handle_time > 0)) {
    return absl::InvalidArgumentError("pacing model times must be positive");
  }
  return absl::OkStatus();
}

int PacingModel::MaxDialing() const {
  const double to_keep_busy =
      agents * mean_time_to_outcome / (answer_probability * mean_handle_time);
  const double bound = std::max<double>(agents, 2 * to_keep_busy) + kSlack;
  return static_cast<int>(std::min<double>(std::ceil(bound), kMaxDialing));
}

}  // namespace tmk::dialing
