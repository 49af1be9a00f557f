#pragma once
// The benchmark's yardstick (issue 5): the optimum of the constrained MDP "maximise occupancy
// subject to abandons <= target x live answers" for exponential parameters, on state (busy
// agents, calls dialing) with action "calls to launch". The Lagrangian is solved by relative value
// iteration on the uniformised chain (PacingMdp) for a given abandon cost; bisection on the cost
// finds where the optimal policy's abandon rate (PacingPolicyEvaluator) crosses the target.
//
// Each Lagrangian gain is an upper bound on the constrained optimum (weak duality), and the
// policies either side of the crossing, mixed, attain the smallest of them (strong duality), so
// `occupancy` is that bound; `feasible_occupancy` is the best deterministic policy within the
// target, a lower bound the two must straddle.
#include "services/dialing/domain/pacing_model.h"
#include "services/dialing/domain/pacing_policy.h"

namespace tmk::dialing::bench {

struct CmdpOptimum {
  double occupancy = 0;  // the optimum (the dual bound at the crossing)
  double feasible_occupancy = 0;
  double feasible_abandon_rate = 0;
  PacingPolicy feasible_policy{0, 0, {}};
  double abandon_cost = 0;  // at the crossing, agent-seconds per abandon
  int max_dialing = 0;      // state-space truncation used
  int solves = 0;
  double seconds = 0;  // wall time of the whole search
};

CmdpOptimum SolveCmdpOptimum(const PacingModel& model, double abandon_target, int max_dialing);

}  // namespace tmk::dialing::bench
