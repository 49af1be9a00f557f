#include "services/dialing/domain/adaptive_dial_level.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tmk::dialing {
namespace {

constexpr int kSamples = 15;
constexpr int64_t kLevelPeriodSeconds = 15;
constexpr int64_t kDropPeriodSeconds = 60;

int64_t SecondOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

absl::Status AdaptiveDialLevel::Settings::Validate() const {
  if (!(max_level >= 1 && max_level <= 20)) {
    return absl::InvalidArgumentError("adaptive max level must be in [1, 20]");
  }
  if (!(initial_level >= 1 && initial_level <= max_level)) {
    return absl::InvalidArgumentError("adaptive initial level must be in [1, max level]");
  }
  if (!(intensity >= -40 && intensity <= 40)) {
    return absl::InvalidArgumentError("adaptive intensity must be in [-40, 40]");
  }
  return absl::OkStatus();
}

absl::StatusOr<AdaptiveDialLevel> AdaptiveDialLevel::Create(const Settings& settings) {
  if (absl::Status s = settings.Validate(); !s.ok()) return s;
  return AdaptiveDialLevel(settings);
}

int AdaptiveDialLevel::CallsToLaunch(const PacingSnapshot& floor) {
  const int64_t second = SecondOf(floor.now);
  if (last_sample_second_ == INT64_MIN) {
    // Like VICIdial's loop counters, the first update comes one full period after start.
    next_drop_refresh_second_ = second + kDropPeriodSeconds;
    next_level_update_second_ = second + kLevelPeriodSeconds;
  }
  if (second > last_sample_second_) {
    last_sample_second_ = second;
    TakeSample(floor);
  }
  if (second >= next_drop_refresh_second_) {
    next_drop_refresh_second_ = second + kDropPeriodSeconds;
    RefreshDropStatistics(floor);
  }
  if (second >= next_level_update_second_) {
    next_level_update_second_ = second + kLevelPeriodSeconds;
    UpdateLevel();
  }
  const int lines = static_cast<int>(std::lround(level_ * floor.agents));
  return std::max(0, lines - floor.calls_dialing - floor.calls_waiting - floor.calls_connected);
}

void AdaptiveDialLevel::TakeSample(const PacingSnapshot& floor) {
  samples_.push_back({double(floor.ready_agents), double(floor.calls_waiting),
                      double(floor.agents)});
  if (samples_.size() > kSamples) samples_.pop_front();
}

void AdaptiveDialLevel::RefreshDropStatistics(const PacingSnapshot& floor) {
  answers_last_minute_ = std::max<int64_t>(0, floor.live_answers_24h - answers_day_);
  drops_last_minute_ = std::max<int64_t>(0, floor.abandons_24h - drops_day_);
  answers_day_ = floor.live_answers_24h;
  drops_day_ = floor.abandons_24h;
  drop_target_ = floor.abandon_target;
}

void AdaptiveDialLevel::UpdateLevel() {
  Sample average;
  for (const Sample& s : samples_) {
    average.ready += s.ready / samples_.size();
    average.waiting += s.waiting / samples_.size();
    average.agents += s.agents / samples_.size();
  }
  if (average.agents <= 0) return;  // VICIdial leaves the level alone without agents

  const double differential = (average.ready - average.waiting) / average.agents;
  const double gain = differential < 0 ? std::abs(settings_.intensity / 100 - 1)
                                       : settings_.intensity / 100 + 1;
  double level = std::clamp(level_ * (1 + gain * differential), 1.0, settings_.max_level);

  if (answers_last_minute_ > 20 && drops_last_minute_ * 2 > answers_last_minute_) level /= 2;
  // As a ratio, like VICIdial's percentage: exactly on target is not over it.
  if (answers_day_ > 50 && double(drops_day_) / answers_day_ > drop_target_) {
    level = settings_.drop_mode == DropMode::kHardLimit ? 1.0 : level / 2;
  }
  level_ = std::max(level, 1.0);
}

}  // namespace tmk::dialing
