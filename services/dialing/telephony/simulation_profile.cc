#include "services/dialing/telephony/simulation_profile.h"

#include <cmath>

namespace tmk::dialing {

absl::Status SimulationProfile::Validate() const {
  for (double share : {person, machine, busy, no_answer, invalid_number}) {
    if (!(share >= 0 && share <= 1)) {
      return absl::InvalidArgumentError("outcome shares must be in [0, 1]");
    }
  }
  if (std::abs(person + machine + busy + no_answer + invalid_number - 1) > 1e-9) {
    return absl::InvalidArgumentError("outcome shares must sum to 1");
  }
  if (!(amd_accuracy >= 0.5 && amd_accuracy <= 1)) {
    return absl::InvalidArgumentError("AMD accuracy must be in [0.5, 1]");
  }
  for (const DurationDistribution* d : {&ring_time, &busy_time, &invalid_time, &talk_time,
                                        &machine_talk_time, &silence_patience}) {
    if (absl::Status s = d->Validate(); !s.ok()) return s;
  }
  if (!(known_caller_share >= 0 && known_caller_share <= 1)) {
    return absl::InvalidArgumentError("the known caller share must be in [0, 1]");
  }
  if (absl::Status s = inbound_patience.Validate(); !s.ok()) return s;
  for (const InboundStream& stream : inbound) {
    if (absl::Status s = stream.Validate(); !s.ok()) return s;
  }
  if (no_answer_time) return no_answer_time->Validate();
  return absl::OkStatus();
}

}  // namespace tmk::dialing
