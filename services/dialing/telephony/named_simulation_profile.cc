#include "services/dialing/telephony/named_simulation_profile.h"

#include <string>

namespace tmk::dialing {

absl::StatusOr<SimulationProfile> NamedSimulationProfile(std::string_view name) {
  SimulationProfile profile;
  if (name == "standard") return profile;
  if (name == "fast") {
    profile.person = 0.5;
    profile.machine = 0.1;
    profile.busy = 0.1;
    profile.no_answer = 0.2;
    profile.invalid_number = 0.1;
    profile.ring_time = DurationDistribution::LogNormal(2, 1);
    profile.busy_time = DurationDistribution::Fixed(1);
    profile.invalid_time = DurationDistribution::Fixed(1);
    profile.talk_time = DurationDistribution::LogNormal(8, 3);
    profile.machine_talk_time = DurationDistribution::Fixed(2);
    profile.silence_patience = DurationDistribution::Fixed(10);
    profile.inbound_patience = DurationDistribution::Exponential(20);
    return profile;
  }
  return absl::InvalidArgumentError("unknown simulation profile '" + std::string(name) +
                                    "': standard or fast");
}

}  // namespace tmk::dialing
