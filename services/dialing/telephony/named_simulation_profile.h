#pragma once
// The simulator profiles a deployment can choose by name (--dialing-simulation-profile): the
// demo and the end-to-end tests run the real-time simulator with one of these.
#include <string_view>

#include "absl/status/statusor.h"
#include "services/dialing/telephony/simulation_profile.h"

namespace tmk::dialing {

// "standard": SimulationProfile's defaults (a quarter of calls reach a person after about 12 s,
// talks of about 2.5 min). "fast": demo speed (half of calls reach a person after about 2 s,
// talks of about 8 s; no answer still rings the dialer's full timeout, R20), so a floor is seen
// working within a minute.
// INVALID_ARGUMENT naming the known profiles otherwise.
absl::StatusOr<SimulationProfile> NamedSimulationProfile(std::string_view name);

}  // namespace tmk::dialing
