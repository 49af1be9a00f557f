#include "services/dialing/domain/pacing_policy_evaluator.h"

#include <gtest/gtest.h>

#include "services/dialing/domain/pacing_mdp.h"

namespace tmk::dialing {
namespace {

// Under progressive dialing each agent cycles alone: dialing until a person answers (Exp with mean
// time_to_outcome / p), then the handle time, so occupancy = H / (H + T / p), with no abandon.
TEST(PacingPolicyEvaluator, ProgressiveMatchesItsClosedForm) {
  for (const PacingModel& model : {PacingModel{10, 0.2, 15, 150}, PacingModel{1, 0.5, 10, 100},
                                   PacingModel{7, 0.35, 20, 90}}) {
    PacingPolicyEvaluator evaluator(model, model.MaxDialing());
    const auto performance = evaluator.Evaluate(
        PacingPolicy::Progressive(model.agents, model.MaxDialing()), 1e-13, 1000000);
    ASSERT_TRUE(performance.converged);
    const double cycle =
        model.mean_handle_time + model.mean_time_to_outcome / model.answer_probability;
    EXPECT_NEAR(performance.occupancy, model.mean_handle_time / cycle, 1e-6);
    EXPECT_EQ(performance.abandon_rate, 0);
    // Every agent connects one person per cycle.
    EXPECT_NEAR(performance.live_answers_per_second, model.agents / cycle, 1e-7);
  }
}

// The solver's gain and the evaluator's figures describe the same policy:
// gain = busy - cost * (abandons/s - target * answers/s).
TEST(PacingPolicyEvaluator, AgreesWithTheSolversGain) {
  const PacingModel model{20, 0.2, 15, 150};
  PacingMdp mdp(model, model.MaxDialing());
  PacingPolicyEvaluator evaluator(model, model.MaxDialing());
  for (double cost : {60.0, 170.0, 600.0}) {
    const double gain = mdp.Solve(cost, 0.03, 1e-8, 500000).gain;
    const auto p = evaluator.Evaluate(mdp.Policy(), 1e-13, 2000000);
    const double answers = p.live_answers_per_second;
    EXPECT_NEAR(gain, model.agents * p.occupancy - cost * answers * (p.abandon_rate - 0.03), 1e-4)
        << cost;
  }
}

TEST(PacingPolicyEvaluator, ACheaperAbandonBuysOccupancyWithAbandons) {
  const PacingModel model{20, 0.2, 15, 150};
  PacingMdp mdp(model, model.MaxDialing());
  PacingPolicyEvaluator evaluator(model, model.MaxDialing());
  mdp.Solve(600, 0.03, 1e-8, 500000);
  const auto careful = evaluator.Evaluate(mdp.Policy(), 1e-12, 2000000);
  mdp.Solve(60, 0.03, 1e-8, 500000);
  const auto bold = evaluator.Evaluate(mdp.Policy(), 1e-12, 2000000);
  EXPECT_GT(bold.occupancy, careful.occupancy + 0.01);
  EXPECT_GT(bold.abandon_rate, careful.abandon_rate + 0.01);
  EXPECT_GT(careful.occupancy, 2.0 / 3);  // both beat progressive
}

}  // namespace
}  // namespace tmk::dialing
