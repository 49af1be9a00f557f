#pragma once
// VICIdial's adaptive-predictive dial level (AST_VDadapt.pl + AST_VDauto_dial.pl), re-implemented
// as the baseline our predictive pacing is measured against (R17, issue 5's benchmark):
//  - every second it samples ready agents, calls waiting for an agent and agents;
//  - every 15 s, with the averages of the last 15 samples,
//      level <- level * (1 + gain * (ready - waiting) / agents),
//    gain = 1 + intensity/100 when raising, 1 - intensity/100 when lowering (intensity 0: gain 1),
//    clamped to [1, max level];
//  - drop statistics are refreshed once a minute: over 50 % dropped in the last minute (more than
//    20 calls) halves the level; the day's drop rate over the target (more than 50 calls) halves
//    it (ADAPT_AVERAGE) or forces it to 1 (ADAPT_HARD_LIMIT); it never goes below 1;
//  - it keeps round(level * agents) lines busy: launches = that - calls dialing, waiting or
//    connected.
// "The day" is the ledger's rolling 24 h, and drops are counted against live answers (R20's
// definition) rather than VICIdial's all-calls log.
#include <cstdint>
#include <deque>

#include "absl/status/statusor.h"
#include "services/dialing/domain/dial_policy.h"

namespace tmk::dialing {

class AdaptiveDialLevel final : public DialPolicy {
 public:
  enum class DropMode { kAverage, kHardLimit };

  struct Settings {
    double initial_level = 1.0;
    double max_level = 3.0;  // VICIdial's adaptive_maximum_level default
    double intensity = 0;    // VICIdial's adaptive_intensity, -40..40
    DropMode drop_mode = DropMode::kAverage;
    absl::Status Validate() const;
  };

  static absl::StatusOr<AdaptiveDialLevel> Create(const Settings& settings);

  int CallsToLaunch(const PacingSnapshot& floor) override;

  double level() const { return level_; }

 private:
  struct Sample {
    double ready = 0;
    double waiting = 0;
    double agents = 0;
  };

  explicit AdaptiveDialLevel(const Settings& settings)
      : settings_(settings), level_(settings.initial_level) {}
  void TakeSample(const PacingSnapshot& floor);
  void RefreshDropStatistics(const PacingSnapshot& floor);
  void UpdateLevel();

  Settings settings_;
  double level_;
  std::deque<Sample> samples_;  // the last 15, one per second
  int64_t last_sample_second_ = INT64_MIN;
  int64_t next_level_update_second_ = 0;
  int64_t next_drop_refresh_second_ = 0;

  // Drop statistics as of the last refresh.
  double drop_target_ = 0.03;
  int64_t answers_day_ = 0;
  int64_t drops_day_ = 0;
  int64_t answers_last_minute_ = 0;
  int64_t drops_last_minute_ = 0;
};

}  // namespace tmk::dialing
