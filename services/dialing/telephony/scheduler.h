#pragma once
// Time and timers as one dependency of the telephony simulator and the dialer: a Clock that can
// also run a task at a given time. In virtual time (VirtualTimeScheduler) hours of calls run in
// seconds for tests and benchmarks; a real-time implementation drives the demo with the same code.
#include <chrono>
#include <functional>

#include "services/common/core/clock.h"

namespace tmk::dialing {

class Scheduler : public Clock {
 public:
  using Task = std::function<void()>;

  // Runs `task` at `when`, never inside this call; tasks due at the same time run in the order
  // they were scheduled. A time already past means "as soon as possible".
  virtual void At(TimePoint when, Task task) = 0;

  void After(std::chrono::duration<double> delay, Task task) {
    At(Now() + std::chrono::duration_cast<TimePoint::duration>(delay), std::move(task));
  }
};

}  // namespace tmk::dialing
