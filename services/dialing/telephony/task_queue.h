#pragma once
// The schedulers' queue of timed tasks (VirtualTimeScheduler, RealTimeScheduler): earliest first,
// and tasks due at the same time in the order they were scheduled. Not thread-safe.
#include <cstdint>
#include <vector>

#include "services/dialing/telephony/scheduler.h"

namespace tmk::dialing {

class TaskQueue {
 public:
  void Push(TimePoint when, Scheduler::Task task);
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // The earliest task's time; the queue must not be empty.
  TimePoint next_time() const { return entries_.front().when; }
  // Removes the earliest task and gives it with its time; the queue must not be empty.
  Scheduler::Task Pop(TimePoint& when);

 private:
  struct Entry {
    TimePoint when;
    uint64_t sequence;
    Scheduler::Task task;
  };
  // Heap order: earliest first, then first scheduled.
  static bool Later(const Entry& a, const Entry& b) {
    return a.when != b.when ? a.when > b.when : a.sequence > b.sequence;
  }

  uint64_t next_sequence_ = 0;
  std::vector<Entry> entries_;
};

}  // namespace tmk::dialing
