#pragma once
// What predictive pacing measures on a campaign's own calls (R17): the probability that a launched
// call is answered by a person, the time from launch to the outcome, and the handle time (talk +
// wrap-up). Each is a mean over the recent calls with exponentially decaying weights, so it follows
// the day's changes; it starts from a prior worth a few pseudo-calls.
#include "absl/status/statusor.h"

namespace tmk::dialing {

class PacingStatistics {
 public:
  struct Settings {
    // The prior (e.g. yesterday's figures, or a cautious default: a high answer probability makes
    // pacing dial less until calls say otherwise).
    double prior_answer_probability = 0.3;
    double prior_time_to_outcome = 20;  // seconds
    double prior_handle_time = 180;     // seconds
    double prior_weight = 20;           // pseudo-observations behind each prior figure
    // Memory in observations: the weight of an observation halves after about 0.7 x memory more.
    double outcome_memory = 2000;
    double handle_memory = 500;
    absl::Status Validate() const;
  };

  static absl::StatusOr<PacingStatistics> Create(const Settings& settings);

  // Every launched call's outcome: `live` when a person answered.
  void RecordOutcome(bool live, double seconds_to_outcome);
  // Every connected call once its agent is ready again: talk + wrap-up.
  void RecordHandleTime(double seconds);

  double answer_probability() const { return live_.value(); }
  double mean_time_to_outcome() const { return time_to_outcome_.value(); }
  double mean_handle_time() const { return handle_time_.value(); }

 private:
  class DecayingMean {
   public:
    DecayingMean(double prior, double prior_weight, double memory)
        : sum_(prior * prior_weight), weight_(prior_weight), keep_(1 - 1 / memory) {}
    void Add(double x) {
      sum_ = sum_ * keep_ + x;
      weight_ = weight_ * keep_ + 1;
    }
    double value() const { return sum_ / weight_; }

   private:
    double sum_;
    double weight_;
    double keep_;
  };

  explicit PacingStatistics(const Settings& s);

  DecayingMean live_;
  DecayingMean time_to_outcome_;
  DecayingMean handle_time_;
};

}  // namespace tmk::dialing
