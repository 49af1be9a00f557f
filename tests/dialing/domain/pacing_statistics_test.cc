#include "services/dialing/domain/pacing_statistics.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

PacingStatistics Statistics(PacingStatistics::Settings settings = {}) {
  return *PacingStatistics::Create(settings);
}

TEST(PacingStatistics, StartsFromThePrior) {
  PacingStatistics stats = Statistics({.prior_answer_probability = 0.4,
                                       .prior_time_to_outcome = 22,
                                       .prior_handle_time = 200});
  EXPECT_DOUBLE_EQ(stats.answer_probability(), 0.4);
  EXPECT_DOUBLE_EQ(stats.mean_time_to_outcome(), 22);
  EXPECT_DOUBLE_EQ(stats.mean_handle_time(), 200);
}

// The prior weighs as `prior_weight` calls: after as many real calls it has half the say.
TEST(PacingStatistics, ThePriorWeighsAsAFewCalls) {
  PacingStatistics stats = Statistics({.prior_answer_probability = 0.5,
                                       .prior_weight = 10,
                                       .outcome_memory = 1e9});
  for (int i = 0; i < 10; ++i) stats.RecordOutcome(false, 10);
  EXPECT_NEAR(stats.answer_probability(), 0.25, 1e-6);
}

// R17: pacing learns the campaign's own rates, whatever the prior said.
TEST(PacingStatistics, ConvergesToTheMeasuredRates) {
  PacingStatistics stats = Statistics();
  for (int i = 0; i < 20000; ++i) {
    stats.RecordOutcome(i % 5 == 0, i % 2 == 0 ? 10 : 20);  // 20 % live, 15 s mean
    if (i % 4 == 0) stats.RecordHandleTime(i % 8 == 0 ? 100 : 140);
  }
  EXPECT_NEAR(stats.answer_probability(), 0.2, 0.002);
  EXPECT_NEAR(stats.mean_time_to_outcome(), 15, 0.1);
  EXPECT_NEAR(stats.mean_handle_time(), 120, 0.5);
}

// The memory makes it follow the day: after a change, the old rate fades.
TEST(PacingStatistics, FollowsAChangeWithinAFewMemories) {
  PacingStatistics stats = Statistics({.outcome_memory = 1000});
  for (int i = 0; i < 5000; ++i) stats.RecordOutcome(i % 2 == 0, 15);  // 50 % live
  EXPECT_NEAR(stats.answer_probability(), 0.5, 0.01);
  for (int i = 0; i < 1000; ++i) stats.RecordOutcome(false, 15);
  // Weight of the old half: e^-1 of the total.
  EXPECT_NEAR(stats.answer_probability(), 0.5 * std::exp(-1.0), 0.01);
  for (int i = 0; i < 4000; ++i) stats.RecordOutcome(false, 15);
  EXPECT_LT(stats.answer_probability(), 0.01);
}

TEST(PacingStatistics, RejectsSettingsThatCannotMeasure) {
  EXPECT_FALSE(PacingStatistics::Create({.prior_answer_probability = 0}).ok());
  EXPECT_FALSE(PacingStatistics::Create({.prior_answer_probability = 1.5}).ok());
  EXPECT_FALSE(PacingStatistics::Create({.prior_handle_time = 0}).ok());
  EXPECT_FALSE(PacingStatistics::Create({.prior_weight = 0}).ok());
  EXPECT_FALSE(PacingStatistics::Create({.outcome_memory = 5}).ok());
}

}  // namespace
}  // namespace tmk::dialing
