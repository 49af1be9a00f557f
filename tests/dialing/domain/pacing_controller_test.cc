#include "services/dialing/domain/pacing_controller.h"

#include <gtest/gtest.h>

#include "services/dialing/domain/abandon_guard.h"

namespace tmk::dialing {
namespace {

// Ten agents on issue 5's floor, with a day of calls behind them and budget to spare: 2,000 live
// answers and 40 abandons leave (60 - 40) / 0.97 = 20 affordable.
PacingSnapshot Floor(int ready, int dialing = 0, double p = 0.2) {
  PacingSnapshot floor;
  floor.agents = 10;
  floor.ready_agents = ready;
  floor.calls_dialing = dialing;
  floor.calls_connected = 10 - ready;
  floor.answer_probability = p;
  floor.mean_time_to_outcome = 15;
  floor.mean_handle_time = 150;
  floor.abandon_target = 0.03;
  floor.live_answers_24h = 2000;
  floor.abandons_24h = 40;
  floor.affordable_abandons = 20;
  return floor;
}

PacingController Controller(PacingController::Settings settings = {}) {
  return *PacingController::Create(settings);
}

TEST(PacingController, PredictsBeyondTheReadyAgentsWhenTheBudgetAllows) {
  PacingController pacing = Controller();
  const int launches = pacing.CallsToLaunch(Floor(3));
  EXPECT_GT(launches, 3);  // with p = 0.2, one call per free agent would leave them idle
  EXPECT_LT(launches, 30);
  EXPECT_GT(pacing.predicted_abandon_rate(), 0);
  EXPECT_LE(pacing.predicted_abandon_rate(), 0.03);
}

// R20: no budget and no free agent: a launched call could only be abandoned.
TEST(PacingController, NeverLaunchesWhenTheBudgetIsSpentAndNoAgentIsFree) {
  PacingController pacing = Controller();
  PacingSnapshot floor = Floor(0);
  floor.affordable_abandons = 0;
  EXPECT_EQ(pacing.CallsToLaunch(floor), 0);
  floor.abandons_24h = 100;  // over the target: the plan is zero too
  EXPECT_EQ(pacing.CallsToLaunch(floor), 0);
  EXPECT_EQ(pacing.planned_abandon_rate(), 0);
}

TEST(PacingController, WithTheBudgetSpentItDialsOnlyForFreeAgents) {
  PacingController pacing = Controller();
  for (int ready = 0; ready <= 10; ++ready) {
    PacingSnapshot floor = Floor(ready, 1);
    floor.affordable_abandons = 0;
    floor.abandons_24h = 70;
    EXPECT_LE(pacing.CallsToLaunch(floor), std::max(0, ready - 1)) << ready;
  }
}

// R17: the fewer calls a person answers, the more calls it takes.
TEST(PacingController, LaunchesMoreWhenTheAnswerProbabilityDrops) {
  PacingController pacing = Controller();
  const int often = pacing.CallsToLaunch(Floor(4, 0, 0.3));
  const int seldom = pacing.CallsToLaunch(Floor(4, 0, 0.15));
  EXPECT_GT(seldom, often);
}

TEST(PacingController, LaunchesMoreForMoreReadyAgents) {
  PacingController pacing = Controller();
  int previous = 0;
  for (int ready = 0; ready <= 6; ++ready) {
    const int launches = pacing.CallsToLaunch(Floor(ready));
    EXPECT_GE(launches, previous) << ready;
    previous = launches;
  }
  EXPECT_GT(previous, 6);
}

TEST(PacingController, CallsAlreadyDialingCount) {
  int previous = Controller().CallsToLaunch(Floor(4, 0));
  for (int dialing = 1; dialing <= 12; ++dialing) {
    const int launches = Controller().CallsToLaunch(Floor(4, dialing));
    EXPECT_LE(launches, previous) << dialing;
    previous = launches;
  }
  EXPECT_EQ(previous, 0);
}

// Whatever the model says, the calls in flight stay within what the guard allows.
TEST(PacingController, StaysWithinTheAbandonGuard) {
  PacingController pacing = Controller();
  const AbandonGuard guard = *AbandonGuard::Create(PacingController::Settings{}.risk);
  for (int64_t affordable : {0, 1, 2, 5}) {
    for (int ready = 0; ready <= 5; ++ready) {
      PacingSnapshot floor = Floor(ready, 1);
      floor.affordable_abandons = affordable;
      const int allowed = guard.MaxDialing(ready, affordable, 0.2);
      EXPECT_LE(1 + pacing.CallsToLaunch(floor), std::max(1, allowed))
          << affordable << " " << ready;
    }
  }
}

// The plan follows the ledger: a deficit against the goal plans fewer abandons, a surplus more,
// never over the target.
TEST(PacingController, PlansAroundTheGoalFromTheDaysSurplusOrDeficit) {
  PacingController pacing = Controller({.goal_share = 0.9});
  PacingSnapshot floor = Floor(3);
  floor.abandons_24h = 54;  // exactly the goal: 0.027 x 2000
  pacing.CallsToLaunch(floor);
  EXPECT_NEAR(pacing.planned_abandon_rate(), 0.027, 1e-9);
  floor.abandons_24h = 55;
  pacing.CallsToLaunch(floor);
  const double behind = pacing.planned_abandon_rate();
  EXPECT_LT(behind, 0.027);
  floor.abandons_24h = 40;
  pacing.CallsToLaunch(floor);
  const double ahead = pacing.planned_abandon_rate();
  EXPECT_GT(ahead, 0.027);
  EXPECT_LE(ahead, 0.03);
  // One abandon over the goal is evened out over 10 agents x 1800 s / 150 s = 120 answers.
  EXPECT_NEAR(behind, 0.027 - 1.0 / 120, 1e-9);
}

TEST(PacingController, AHigherPlanLaunchesAtLeastAsMany) {
  PacingController pacing = Controller();
  PacingSnapshot floor = Floor(2);
  floor.abandons_24h = 80;
  floor.affordable_abandons = 100;  // the guard out of the way
  const int careful = pacing.CallsToLaunch(floor);
  floor.abandons_24h = 0;
  const int bold = pacing.CallsToLaunch(floor);
  EXPECT_GE(bold, careful);
  EXPECT_GT(bold, 2);
}

TEST(PacingController, WithoutUsableMeasurementsItIsProgressive) {
  PacingController pacing = Controller();
  PacingSnapshot floor = Floor(4, 1);
  floor.answer_probability = 0;
  EXPECT_EQ(pacing.CallsToLaunch(floor), 3);
  floor = Floor(4, 1);
  floor.mean_handle_time = 0;
  EXPECT_EQ(pacing.CallsToLaunch(floor), 3);
  floor = Floor(0);
  floor.agents = 0;
  floor.ready_agents = 0;
  EXPECT_EQ(pacing.CallsToLaunch(floor), 0);
}

TEST(PacingController, SameInputsSameDecisions) {
  PacingController a = Controller();
  PacingController b = Controller();
  for (int i = 0; i < 200; ++i) {
    PacingSnapshot floor = Floor(i % 7, i % 5, 0.15 + 0.001 * (i % 50));
    floor.abandons_24h = 40 + i % 30;
    ASSERT_EQ(a.CallsToLaunch(floor), b.CallsToLaunch(floor)) << i;
  }
}

TEST(PacingController, RejectsSettingsThatCannotWork) {
  EXPECT_FALSE(PacingController::Create({.goal_share = 0}).ok());
  EXPECT_FALSE(PacingController::Create({.goal_share = 1.2}).ok());
  EXPECT_FALSE(PacingController::Create({.plan_horizon_seconds = 10}).ok());
  EXPECT_FALSE(PacingController::Create({.risk = 0.5}).ok());
  EXPECT_FALSE(PacingController::Create({.refresh_change = 0}).ok());
}

}  // namespace
}  // namespace tmk::dialing
