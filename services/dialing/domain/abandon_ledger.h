#pragma once
// The abandon-rate compliance ledger of one campaign (R20): a call answered by a person that gets
// no agent within 2 s is abandoned, and abandons must stay at or under the campaign's target
// (default 3 %) of live answers over every rolling 24 hours and 30 days. The dialer asks it how
// many more abandons it can afford before it risks any.
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"

namespace tmk::dialing {

class AbandonLedger {
 public:
  struct Window {
    int64_t live_answers = 0;  // answered by a person, abandoned or not
    int64_t abandons = 0;
    double Rate() const { return live_answers == 0 ? 0.0 : double(abandons) / live_answers; }
  };

  // `abandon_target` is the campaign's limit as a fraction of live answers, in (0, 1).
  static absl::StatusOr<AbandonLedger> Create(double abandon_target);

  // Counts one call answered by a person at `at`; `abandoned` when no agent took it in time.
  void RecordLiveAnswer(TimePoint at, bool abandoned);
  // Moves the windows forward to `now` (recording does it too); time never goes back.
  void AdvanceTo(TimePoint now);

  // Windows as of the last AdvanceTo/RecordLiveAnswer, to the minute: the current minute and the
  // 1,439 (43,199) before it.
  const Window& Last24Hours() const { return day_; }
  const Window& Last30Days() const { return month_; }

  // Abandons still affordable in both windows, counting each future abandon as a live answer too:
  // the largest x with (abandons + x) <= target * (live_answers + x).
  int64_t AffordableAbandons() const;

  double target() const { return target_; }

 private:
  static constexpr int64_t kDayMinutes = 24 * 60;
  static constexpr int64_t kMonthMinutes = 30 * kDayMinutes;

  explicit AbandonLedger(double abandon_target);
  static int64_t MinuteOf(TimePoint t);
  Window& Bucket(int64_t minute) { return buckets_[minute % kMonthMinutes]; }

  double target_;
  std::vector<Window> buckets_;  // a ring of one-minute buckets covering 30 days
  int64_t head_minute_ = -1;     // the newest minute the windows cover; -1 before any use
  Window day_;
  Window month_;
};

}  // namespace tmk::dialing
