#pragma once
// The Lagrangian of the constrained pacing problem (R17, R20) on the PacingModel, solved by
// relative value iteration on the uniformised chain. Reward: busy agents per unit time, minus
// `abandon_cost` agent-seconds for each abandon beyond `abandon_target` of live answers, i.e.
//   busy - abandon_cost * (abandons/s - abandon_target * live answers/s).
// For the cost at which the optimal policy abandons exactly the target, that policy (mixed with
// its neighbour) is optimal for "maximise occupancy subject to abandon rate <= target", and the
// gain / agents is that optimum's occupancy (strong duality of constrained MDPs).
//
// Values are kept between solves as the next solve's starting point.
#include <vector>

#include "services/dialing/domain/pacing_model.h"
#include "services/dialing/domain/pacing_policy.h"

namespace tmk::dialing {

class PacingMdp {
 public:
  // `model` must be valid; `max_dialing` is usually model.MaxDialing().
  PacingMdp(const PacingModel& model, int max_dialing);

  // Moves to a re-measured model; values are kept as the starting point when the state space is
  // the same size.
  void Rebase(const PacingModel& model, int max_dialing);

  struct Solution {
    double gain = 0;  // Lagrangian reward per second, in agents
    int sweeps = 0;
    bool converged = false;
  };
  // Iterates until one sweep changes the gain bounds by less than `tolerance` (agents).
  Solution Solve(double abandon_cost, double abandon_target, double tolerance, int max_sweeps);

  // The greedy policy of the current values.
  PacingPolicy Policy() const;

  const PacingModel& model() const { return model_; }
  int max_dialing() const { return max_dialing_; }

 private:
  size_t Index(int busy, int dialing) const { return size_t(busy) * (max_dialing_ + 1) + dialing; }
  // best_[s] / after_decision_[s]: the best target from pre-decision state s and its value.
  void Decide();

  PacingModel model_;
  int max_dialing_ = -1;
  double uniform_rate_ = 0;
  std::vector<double> value_;           // relative values of post-decision states
  std::vector<double> after_decision_;  // max over targets >= dialing of value_
  std::vector<int> best_;
  std::vector<double> next_;
};

}  // namespace tmk::dialing
