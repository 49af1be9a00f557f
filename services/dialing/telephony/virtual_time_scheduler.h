#pragma once
// Discrete-event time: the clock jumps from one task to the next, so a simulated day of calls
// takes as long as its events take to process.
#include "services/dialing/telephony/scheduler.h"
#include "services/dialing/telephony/task_queue.h"

namespace tmk::dialing {

class VirtualTimeScheduler final : public Scheduler {
 public:
  explicit VirtualTimeScheduler(TimePoint start) : now_(start) {}

  TimePoint Now() const override { return now_; }
  void At(TimePoint when, Task task) override;

  // Runs the earliest task, moving the clock to its time (never backwards); false if none.
  bool RunNext();
  // Runs every task due at or before `until` (including those they schedule), then moves the
  // clock to `until`.
  void RunUntil(TimePoint until);

  size_t pending() const { return queue_.size(); }

 private:
  TimePoint now_;
  TaskQueue queue_;
};

}  // namespace tmk::dialing
