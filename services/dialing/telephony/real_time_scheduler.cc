#include "services/dialing/telephony/real_time_scheduler.h"

#include <utility>

namespace tmk::dialing {

RealTimeScheduler::~RealTimeScheduler() { Stop(); }

void RealTimeScheduler::At(TimePoint when, Task task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.Push(when, std::move(task));
  }
  wake_.notify_one();
}

void RealTimeScheduler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void RealTimeScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && !InSchedulerThread()) thread_.join();
}

void RealTimeScheduler::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const TimePoint due = queue_.next_time();
    const TimePoint now = clock_.Now();
    if (due > now) {
      // The clock is the injected one; waiting uses the steady clock for the same span, and a
      // new earlier task wakes the wait.
      wake_.wait_for(lock, due - now);
      continue;
    }
    TimePoint when;
    Task task = queue_.Pop(when);
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace tmk::dialing
