#include "tests/bench/pacing/cmdp_optimum.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "services/dialing/domain/pacing_mdp.h"
#include "services/dialing/domain/pacing_policy_evaluator.h"

namespace tmk::dialing::bench {
namespace {

// Tight enough that the reported optimum is exact to well under 0.1 % of occupancy.
constexpr double kGainTolerancePerAgent = 1e-8;
constexpr int kMaxSweeps = 1000000;
constexpr double kMassTolerance = 1e-12;
constexpr int kMaxIterations = 2000000;
constexpr int kBisections = 40;

}  // namespace

CmdpOptimum SolveCmdpOptimum(const PacingModel& model, double abandon_target, int max_dialing) {
  const auto started = std::chrono::steady_clock::now();
  PacingMdp mdp(model, max_dialing);
  PacingPolicyEvaluator evaluator(model, max_dialing);
  CmdpOptimum result;
  result.max_dialing = max_dialing;
  result.occupancy = 1;
  // Costs in agent-seconds per abandon: from a hundredth of a handle time (abandons nearly free)
  // to a thousand handle times (nearly never worth one); bisect on the logarithm.
  double cheap = std::log(model.mean_handle_time / 100);
  double costly = std::log(model.mean_handle_time * 1000);
  for (int i = 0; i < kBisections && costly - cheap > 1e-4; ++i) {
    const double cost = std::exp((cheap + costly) / 2);
    const PacingMdp::Solution solution =
        mdp.Solve(cost, abandon_target, kGainTolerancePerAgent * model.agents, kMaxSweeps);
    PacingPolicy policy = mdp.Policy();
    const PacingPolicyEvaluator::Performance performance =
        evaluator.Evaluate(policy, kMassTolerance, kMaxIterations);
    ++result.solves;
    result.occupancy = std::min(result.occupancy, solution.gain / model.agents);
    if (performance.abandon_rate > abandon_target) {
      cheap = std::log(cost);
    } else {
      costly = std::log(cost);
      if (performance.occupancy > result.feasible_occupancy) {
        result.feasible_occupancy = performance.occupancy;
        result.feasible_abandon_rate = performance.abandon_rate;
        result.feasible_policy = std::move(policy);
        result.abandon_cost = cost;
      }
    }
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace tmk::dialing::bench
