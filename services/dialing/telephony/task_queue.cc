#include "services/dialing/telephony/task_queue.h"

#include <algorithm>
#include <utility>

namespace tmk::dialing {

void TaskQueue::Push(TimePoint when, Scheduler::Task task) {
  entries_.push_back(Entry{when, next_sequence_++, std::move(task)});
  std::push_heap(entries_.begin(), entries_.end(), Later);
}

Scheduler::Task TaskQueue::Pop(TimePoint& when) {
  std::pop_heap(entries_.begin(), entries_.end(), Later);
  Entry entry = std::move(entries_.back());
  entries_.pop_back();
  when = entry.when;
  return std::move(entry.task);
}

}  // namespace tmk::dialing
