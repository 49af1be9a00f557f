#include "services/dialing/telephony/virtual_time_scheduler.h"

#include <algorithm>
#include <utility>

namespace tmk::dialing {

void VirtualTimeScheduler::At(TimePoint when, Task task) {
  queue_.Push(std::max(when, now_), std::move(task));
}

bool VirtualTimeScheduler::RunNext() {
  if (queue_.empty()) return false;
  Task task = queue_.Pop(now_);
  task();
  return true;
}

void VirtualTimeScheduler::RunUntil(TimePoint until) {
  while (!queue_.empty() && queue_.next_time() <= until) RunNext();
  now_ = std::max(now_, until);
}

}  // namespace tmk::dialing
