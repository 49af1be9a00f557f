#pragma once
// Inbound traffic of the telephony simulator (R18): callers dial one of the center's numbers as a
// Poisson process at a rate per hour, and each gives up after a patience drawn from a
// distribution unless an agent took the call first.
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/dialing/telephony/duration_distribution.h"

namespace tmk::dialing {

struct InboundStream {
  std::string dialed_number;  // E.164, a queue's dialed number
  double calls_per_hour = 0;
  DurationDistribution patience = DurationDistribution::Exponential(90);

  absl::Status Validate() const;
};

// "NUMBER:CALLS_PER_HOUR[,...]", e.g. "+8610086:120,+8610010:30" (the server's
// --dialing-inbound-arrivals); every stream gets `patience`. Empty text is no inbound traffic.
absl::StatusOr<std::vector<InboundStream>> ParseInboundStreams(std::string_view text,
                                                               const DurationDistribution& patience);

}  // namespace tmk::dialing
