#pragma once
// The measured arrival rate of inbound calls (R18): arrivals over a sliding window, which the
// blending rule turns into expected arrivals. Before a full window has passed it divides by the
// time observed so far, so a busy start is seen at once.
#include <chrono>
#include <deque>
#include <optional>

#include "services/common/core/clock.h"

namespace tmk::dialing {

class ArrivalRate {
 public:
  explicit ArrivalRate(std::chrono::seconds window = std::chrono::minutes(15)) : window_(window) {}

  void Record(TimePoint at);
  // Arrivals per second as of `now`; 0 before anything arrived.
  double PerSecond(TimePoint now);

 private:
  void Forget(TimePoint now);

  std::chrono::seconds window_;
  std::deque<TimePoint> arrivals_;
  std::optional<TimePoint> first_;
};

}  // namespace tmk::dialing
