#include "services/dialing/domain/pacing_policy_evaluator.h"

#include <algorithm>
#include <cmath>

namespace tmk::dialing {

PacingPolicyEvaluator::PacingPolicyEvaluator(const PacingModel& model, int max_dialing) {
  Rebase(model, max_dialing);
}

void PacingPolicyEvaluator::Rebase(const PacingModel& model, int max_dialing) {
  if (model.agents != model_.agents || max_dialing != max_dialing_) {
    max_dialing_ = max_dialing;
    probability_.assign(size_t(model.agents + 1) * (max_dialing + 1), 0);
    next_.assign(probability_.size(), 0);
    probability_[Index(0, 0)] = 1;
  }
  model_ = model;
  uniform_rate_ =
      1.01 * (model.agents * model.handle_rate() + max_dialing * model.outcome_rate());
}

PacingPolicyEvaluator::Performance PacingPolicyEvaluator::Evaluate(const PacingPolicy& policy,
                                                                   double tolerance,
                                                                   int max_iterations) {
  const int n = model_.agents;
  const double mu = model_.handle_rate();
  const double live = model_.outcome_rate() * model_.answer_probability;
  const double other = model_.outcome_rate() * (1 - model_.answer_probability);
  // Mass lands on the state the policy leads to from the pre-decision state reached.
  auto land = [&](int busy, int dialing, double mass) {
    next_[Index(busy, policy.TargetDialing(busy, dialing))] += mass;
  };
  Performance result;
  for (; result.iterations < max_iterations && !result.converged; ++result.iterations) {
    std::fill(next_.begin(), next_.end(), 0);
    for (int b = 0; b <= n; ++b) {
      for (int r = 0; r <= max_dialing_; ++r) {
        const double mass = probability_[Index(b, r)] / uniform_rate_;
        if (mass == 0) continue;
        const double answers = r * live;
        const double failures = r * other;
        const double completions = b * mu;
        land(b, r, mass * (uniform_rate_ - answers - failures - completions));
        if (b > 0) land(b - 1, r, mass * completions);
        if (r > 0) {
          land(std::min(b + 1, n), r - 1, mass * answers);
          land(b, r - 1, mass * failures);
        }
      }
    }
    double moved = 0;
    for (size_t s = 0; s < next_.size(); ++s) moved += std::abs(next_[s] - probability_[s]);
    probability_.swap(next_);
    result.converged = moved < tolerance;
  }
  double busy = 0;
  double answers = 0;
  double abandons = 0;
  for (int b = 0; b <= n; ++b) {
    for (int r = 0; r <= max_dialing_; ++r) {
      const double pr = probability_[Index(b, r)];
      busy += pr * b;
      answers += pr * r * live;
      if (b == n) abandons += pr * r * live;
    }
  }
  result.occupancy = busy / n;
  result.live_answers_per_second = answers;
  result.abandon_rate = answers > 0 ? abandons / answers : 0;
  return result;
}

}  // namespace tmk::dialing
