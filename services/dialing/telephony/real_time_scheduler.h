#pragma once
// Wall-clock time for the telephony simulator and the dialer (the demo, R17): the same
// SimulatedTelephony that runs hours in seconds under VirtualTimeScheduler rings at human speed
// here. Tasks run one at a time on the scheduler's own thread, in time order (ties in the order
// scheduled), which is the single context SimulatedTelephony and the dialer expect; At may be
// called from any thread.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/dialing/telephony/scheduler.h"
#include "services/dialing/telephony/task_queue.h"

namespace tmk::dialing {

class RealTimeScheduler final : public Scheduler {
 public:
  explicit RealTimeScheduler(const Clock& clock = SystemClock::Instance()) : clock_(clock) {}
  ~RealTimeScheduler() override;

  TimePoint Now() const override { return clock_.Now(); }
  void At(TimePoint when, Task task) override;

  // Starts the thread; tasks scheduled before wait for it.
  void Start();
  // Stops the thread after the task running now; tasks not yet due are dropped.
  void Stop();
  // Whether the caller is the scheduler's thread (work from elsewhere must be posted with At).
  bool InSchedulerThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void Run();

  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable wake_;
  TaskQueue queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tmk::dialing
