#include "services/dialing/domain/abandon_ledger.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tmk::dialing {
namespace {

void Add(AbandonLedger::Window& into, const AbandonLedger::Window& w, int sign) {
  into.live_answers += sign * w.live_answers;
  into.abandons += sign * w.abandons;
}

}  // namespace

absl::StatusOr<AbandonLedger> AbandonLedger::Create(double abandon_target) {
  if (!(abandon_target > 0 && abandon_target < 1)) {
    return absl::InvalidArgumentError("abandon target must be a fraction in (0, 1)");
  }
  return AbandonLedger(abandon_target);
}

AbandonLedger::AbandonLedger(double abandon_target)
    : target_(abandon_target), buckets_(kMonthMinutes) {}

int64_t AbandonLedger::MinuteOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

void AbandonLedger::AdvanceTo(TimePoint now) {
  const int64_t minute = MinuteOf(now);
  if (head_minute_ < 0 || minute - head_minute_ >= kMonthMinutes) {
    std::fill(buckets_.begin(), buckets_.end(), Window{});
    day_ = month_ = Window{};
    head_minute_ = minute;
    return;
  }
  while (head_minute_ < minute) {
    ++head_minute_;
    // The minute entering is the one that left the 30-day window; the 24-hour window also loses
    // the minute a day back.
    Window& entering = Bucket(head_minute_);
    Add(month_, entering, -1);
    entering = Window{};
    Add(day_, Bucket(head_minute_ - kDayMinutes), -1);
  }
}

void AbandonLedger::RecordLiveAnswer(TimePoint at, bool abandoned) {
  const int64_t minute = MinuteOf(at);
  if (head_minute_ < 0 || minute > head_minute_) AdvanceTo(at);
  if (minute <= head_minute_ - kMonthMinutes) return;  // older than any window
  const Window event{1, abandoned ? 1 : 0};
  Add(Bucket(minute), event, 1);
  Add(month_, event, 1);
  if (minute > head_minute_ - kDayMinutes) Add(day_, event, 1);
}

int64_t AbandonLedger::AffordableAbandons() const {
  auto affordable = [this](const Window& w) {
    // A tiny epsilon keeps an exact boundary (e.g. 3 of 100 at 3 %) from flooring one below.
    const double x = (target_ * w.live_answers - w.abandons) / (1 - target_) + 1e-9;
    return std::max<int64_t>(0, static_cast<int64_t>(std::floor(x)));
  };
  return std::min(affordable(day_), affordable(month_));
}

}  // namespace tmk::dialing
