#include "services/dialing/domain/arrival_rate.h"

#include <algorithm>

namespace tmk::dialing {

void ArrivalRate::Record(TimePoint at) {
  if (!first_) first_ = at;
  arrivals_.push_back(at);
  Forget(at);
}

void ArrivalRate::Forget(TimePoint now) {
  while (!arrivals_.empty() && arrivals_.front() <= now - window_) arrivals_.pop_front();
}

double ArrivalRate::PerSecond(TimePoint now) {
  if (!first_) return 0;
  Forget(now);
  // At least a minute observed, so the first arrival is not read as an infinite rate.
  const auto observed = std::clamp<TimePoint::duration>(now - *first_, std::chrono::minutes(1),
                                                        window_);
  return arrivals_.size() / std::chrono::duration<double>(observed).count();
}

}  // namespace tmk::dialing
