#pragma once
// Time as a dependency: business code asks a Clock, so tests and the telephony simulator can run
// on virtual time (the dialer's pacing benchmarks run hours of traffic in seconds).
#include <atomic>
#include <chrono>

namespace tmk {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  // The process-wide wall clock; stateless, so sharing it is safe.
  static const Clock& Instance();
};

// A clock that only moves when told to; for tests and virtual-time simulation.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : micros_(ToMicros(start)) {}
  TimePoint Now() const override {
    return TimePoint(std::chrono::microseconds(micros_.load(std::memory_order_acquire)));
  }
  void Advance(std::chrono::microseconds by) { micros_.fetch_add(by.count()); }
  void Set(TimePoint to) { micros_.store(ToMicros(to), std::memory_order_release); }

 private:
  static long long ToMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  std::atomic<long long> micros_;
};

inline long long UnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace tmk
