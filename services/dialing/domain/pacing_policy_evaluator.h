#pragma once
// The long-run behaviour of a PacingPolicy under the PacingModel (R17, R20): occupancy and abandon
// rate from the stationary distribution of the uniformised chain, by power iteration. The
// distribution is kept between calls as the next evaluation's starting point.
#include <vector>

#include "services/dialing/domain/pacing_model.h"
#include "services/dialing/domain/pacing_policy.h"

namespace tmk::dialing {

class PacingPolicyEvaluator {
 public:
  // `model` must be valid.
  PacingPolicyEvaluator(const PacingModel& model, int max_dialing);

  // Moves to a re-measured model; the distribution is kept as the starting point when the state
  // space is the same size.
  void Rebase(const PacingModel& model, int max_dialing);

  struct Performance {
    double occupancy = 0;             // mean busy agents / agents
    double abandon_rate = 0;          // abandons / live answers
    double live_answers_per_second = 0;
    int iterations = 0;
    bool converged = false;
  };
  // Iterates until one step moves less than `tolerance` of probability mass (L1).
  Performance Evaluate(const PacingPolicy& policy, double tolerance, int max_iterations);

 private:
  size_t Index(int busy, int dialing) const { return size_t(busy) * (max_dialing_ + 1) + dialing; }

  PacingModel model_;
  int max_dialing_ = -1;
  double uniform_rate_ = 0;
  std::vector<double> probability_;  // of post-decision states
  std::vector<double> next_;
};

}  // namespace tmk::dialing
