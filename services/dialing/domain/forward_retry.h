#pragma once
// When the dialer tries again to hand a change to contacts (R2, R3): an outage or a timeout is
// retried with exponential backoff for as long as it lasts (nothing learnt on a call is lost); a
// refusal on the merits (the customer is gone, the point unknown, the value invalid) is final, is
// recorded with its reason, and is never retried forever.
#include <chrono>

#include "absl/status/status.h"

namespace tmk::dialing {

// Whether contacts' answer ends the attempts: OK or a refusal no retry can change.
bool IsFinalAnswer(absl::StatusCode code);

// The wait before attempt `attempts + 1` after `attempts` failures: 1 s doubling, at most 5 min.
std::chrono::milliseconds ForwardBackoff(int attempts);

}  // namespace tmk::dialing
