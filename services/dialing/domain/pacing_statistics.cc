#include "services/dialing/domain/pacing_statistics.h"

namespace tmk::dialing {

absl::Status PacingStatistics::Settings::Validate() const {
  if (!(prior_answer_probability > 0 && prior_answer_probability <= 1)) {
    return absl::InvalidArgumentError("prior answer probability must be in (0, 1]");
  }
  if (!(prior_time_to_outcome > 0) || !(prior_handle_time > 0)) {
    return absl::InvalidArgumentError("prior times must be positive");
  }
  if (!(prior_weight > 0)) return absl::InvalidArgumentError("prior weight must be positive");
  if (!(outcome_memory >= 10) || !(handle_memory >= 10)) {
    return absl::InvalidArgumentError("statistics memory must be at least 10 observations");
  }
  return absl::OkStatus();
}

absl::StatusOr<PacingStatistics> PacingStatistics::Create(const Settings& settings) {
  if (absl::Status s = settings.Validate(); !s.ok()) return s;
  return PacingStatistics(settings);
}

PacingStatistics::PacingStatistics(const Settings& s)
    : live_(s.prior_answer_probability, s.prior_weight, s.outcome_memory),
      time_to_outcome_(s.prior_time_to_outcome, s.prior_weight, s.outcome_memory),
      handle_time_(s.prior_handle_time, s.prior_weight, s.handle_memory) {}

void PacingStatistics::RecordOutcome(bool live, double seconds_to_outcome) {
  live_.Add(live ? 1 : 0);
  time_to_outcome_.Add(seconds_to_outcome);
}

void PacingStatistics::RecordHandleTime(double seconds) { handle_time_.Add(seconds); }

}  // namespace tmk::dialing
