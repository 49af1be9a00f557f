#include "services/dialing/telephony/virtual_time_scheduler.h"

#include <algorithm>
#include <utility>

namespace tmk::dialing {

void VirtualTimeScheduler::At(TimePoint when, Task task) {
  queue_.push_back(Entry{std::max(when, now_), next_sequence_++, std::move(task)});
  std::push_heap(queue_.begin(), queue_.end(), Later);
}

bool VirtualTimeScheduler::RunNext() {
  if (queue_.empty()) return false;
  std::pop_heap(queue_.begin(), queue_.end(), Later);
  Entry entry = std::move(queue_.back());
  queue_.pop_back();
  now_ = entry.when;
  entry.task();
  return true;
}

void VirtualTimeScheduler::RunUntil(TimePoint until) {
  while (!queue_.empty() && queue_.front().when <= until) RunNext();
  now_ = std::max(now_, until);
}

}  // namespace tmk::dialing
