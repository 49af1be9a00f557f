#include "services/dialing/domain/pacing_mdp.h"

#include <algorithm>
#include <limits>

namespace tmk::dialing {

PacingMdp::PacingMdp(const PacingModel& model, int max_dialing) { Rebase(model, max_dialing); }

void PacingMdp::Rebase(const PacingModel& model, int max_dialing) {
  const size_t states = size_t(model.agents + 1) * (max_dialing + 1);
  if (model.agents != model_.agents || max_dialing != max_dialing_) {
    value_.assign(states, 0);
    after_decision_.assign(states, 0);
    best_.assign(states, 0);
    next_.assign(states, 0);
  }
  model_ = model;
  max_dialing_ = max_dialing;
  // Slightly above the largest total rate, so every state keeps a self-loop (aperiodicity).
  uniform_rate_ =
      1.01 * (model.agents * model.handle_rate() + max_dialing * model.outcome_rate());
}

void PacingMdp::Decide() {
  for (int busy = 0; busy <= model_.agents; ++busy) {
    double best_value = -std::numeric_limits<double>::infinity();
    int best_target = max_dialing_;
    for (int dialing = max_dialing_; dialing >= 0; --dialing) {
      const size_t s = Index(busy, dialing);
      if (value_[s] >= best_value) {  // ties go to the smaller target: dial less
        best_value = value_[s];
        best_target = dialing;
      }
      after_decision_[s] = best_value;
      best_[s] = best_target;
    }
  }
}

PacingMdp::Solution PacingMdp::Solve(double abandon_cost, double abandon_target,
                                     double tolerance, int max_sweeps) {
  const int n = model_.agents;
  const double mu = model_.handle_rate();
  const double live = model_.outcome_rate() * model_.answer_probability;
  const double other = model_.outcome_rate() * (1 - model_.answer_probability);
  const double inv = 1 / uniform_rate_;
  Solution solution;
  for (; solution.sweeps < max_sweeps && !solution.converged; ++solution.sweeps) {
    Decide();
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int b = 0; b <= n; ++b) {
      const int up = std::min(b + 1, n);  // at b == n an answer is abandoned: no agent to take it
      const double excess = b == n ? 1 - abandon_target : -abandon_target;
      for (int r = 0; r <= max_dialing_; ++r) {
        const size_t s = Index(b, r);
        const double answers = r * live;
        const double failures = r * other;
        const double completions = b * mu;
        double v = b - abandon_cost * answers * excess +
                   (uniform_rate_ - answers - failures - completions) * after_decision_[s];
        if (b > 0) v += completions * after_decision_[Index(b - 1, r)];
        if (r > 0) {
          v += answers * after_decision_[Index(up, r - 1)] +
               failures * after_decision_[Index(b, r - 1)];
        }
        v *= inv;
        const double change = v - value_[s];
        low = std::min(low, change);
        high = std::max(high, change);
        next_[s] = v;
      }
    }
    // Relative values: pin the all-idle state at zero so they stay bounded.
    const double reference = next_[0];
    for (size_t s = 0; s < next_.size(); ++s) value_[s] = next_[s] - reference;
    solution.gain = uniform_rate_ * (low + high) / 2;
    solution.converged = uniform_rate_ * (high - low) < tolerance;
  }
  Decide();
  return solution;
}

PacingPolicy PacingMdp::Policy() const {
  return PacingPolicy(model_.agents, max_dialing_, best_);
}

}  // namespace tmk::dialing
