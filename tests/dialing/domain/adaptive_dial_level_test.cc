#include "services/dialing/domain/adaptive_dial_level.h"

#include <gtest/gtest.h>

#include <chrono>

namespace tmk::dialing {
namespace {

using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1'800'000'000));

struct Floor {
  int agents = 10;
  int ready = 0;
  int waiting = 0;
  int dialing = 0;
  int connected = 0;
  int64_t answers = 0;
  int64_t abandons = 0;

  PacingSnapshot At(int second) const {
    PacingSnapshot s;
    s.now = kStart + seconds(second);
    s.agents = agents;
    s.ready_agents = ready;
    s.calls_waiting = waiting;
    s.calls_dialing = dialing;
    s.calls_connected = connected;
    s.abandon_target = 0.03;
    s.live_answers_24h = answers;
    s.abandons_24h = abandons;
    return s;
  }
};

AdaptiveDialLevel Adaptive(AdaptiveDialLevel::Settings settings = {}) {
  return *AdaptiveDialLevel::Create(settings);
}

// Feeds one snapshot a second from `from` to `to` (inclusive) and returns the last answer.
int Feed(AdaptiveDialLevel& policy, const Floor& floor, int from, int to) {
  int launches = 0;
  for (int t = from; t <= to; ++t) launches = policy.CallsToLaunch(floor.At(t));
  return launches;
}

TEST(AdaptiveDialLevel, KeepsLevelTimesAgentsLinesBusy) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 2.0});
  Floor floor{.agents = 10, .ready = 3, .dialing = 5, .connected = 7};
  // 20 lines - 5 dialing - 7 connected.
  EXPECT_EQ(policy.CallsToLaunch(floor.At(0)), 8);
  floor.waiting = 2;
  EXPECT_EQ(policy.CallsToLaunch(floor.At(0)), 6);
}

// The law: level <- level * (1 + (avg ready - avg waiting) / avg agents), every 15 s.
TEST(AdaptiveDialLevel, RaisesTheLevelByTheShareOfIdleAgentsEveryFifteenSeconds) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 1.0});
  Floor floor{.agents = 10, .ready = 2};
  Feed(policy, floor, 0, 14);
  EXPECT_DOUBLE_EQ(policy.level(), 1.0);  // nothing before the first full period
  Feed(policy, floor, 15, 15);
  EXPECT_DOUBLE_EQ(policy.level(), 1.2);
  Feed(policy, floor, 16, 29);
  EXPECT_DOUBLE_EQ(policy.level(), 1.2);
  Feed(policy, floor, 30, 30);
  EXPECT_DOUBLE_EQ(policy.level(), 1.2 * 1.2);
}

TEST(AdaptiveDialLevel, LowersTheLevelWhenCallsWaitForAgents) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 2.0});
  Floor floor{.agents = 10, .ready = 0, .waiting = 3};
  Feed(policy, floor, 0, 15);
  EXPECT_DOUBLE_EQ(policy.level(), 2.0 * (1 - 0.3));
}

// Averages over the last 15 one-second samples, not the instant.
TEST(AdaptiveDialLevel, AveragesTheLastFifteenSamples) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 1.0});
  Floor idle{.agents = 10, .ready = 0};
  Floor busy{.agents = 10, .ready = 6};
  Feed(policy, idle, 0, 9);    // 10 samples of 0 ready
  Feed(policy, busy, 10, 14);  // 5 samples of 6 ready
  Feed(policy, busy, 15, 15);  // the 16th pushes the first out: 9 x 0 + 6 x 6 over 15
  EXPECT_NEAR(policy.level(), 1 + 36.0 / 15 / 10, 1e-12);
}

TEST(AdaptiveDialLevel, SamplesAtMostOnceASecond) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 1.0});
  Floor idle{.agents = 10, .ready = 0};
  Floor busy{.agents = 10, .ready = 5};
  policy.CallsToLaunch(idle.At(0));  // sample 0, later pushed out
  for (int i = 0; i < 100; ++i) policy.CallsToLaunch(busy.At(1));  // one sample only
  Feed(policy, idle, 2, 15);
  EXPECT_NEAR(policy.level(), 1 + 5.0 / 15 / 10, 1e-12);
}

TEST(AdaptiveDialLevel, ClampsTheLevelToOneAndTheMaximum) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 2.5, .max_level = 3.0});
  Feed(policy, Floor{.agents = 10, .ready = 10}, 0, 15);
  EXPECT_DOUBLE_EQ(policy.level(), 3.0);
  AdaptiveDialLevel low = Adaptive({.initial_level = 1.1});
  Feed(low, Floor{.agents = 10, .ready = 0, .waiting = 9}, 0, 15);
  EXPECT_DOUBLE_EQ(low.level(), 1.0);
}

TEST(AdaptiveDialLevel, IntensityScalesTheGainAsVicidialDoes) {
  AdaptiveDialLevel up = Adaptive({.initial_level = 1.0, .intensity = 20});
  Feed(up, Floor{.agents = 10, .ready = 2}, 0, 15);
  EXPECT_DOUBLE_EQ(up.level(), 1 + 0.2 * 1.2);
  AdaptiveDialLevel down = Adaptive({.initial_level = 2.0, .intensity = 20});
  Feed(down, Floor{.agents = 10, .waiting = 2}, 0, 15);
  EXPECT_DOUBLE_EQ(down.level(), 2 * (1 - 0.2 * 0.8));
}

// R20 override: the day's drop rate over the target halves the level (ADAPT_AVERAGE)...
TEST(AdaptiveDialLevel, ADayOverTheDropTargetHalvesTheLevel) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 2.0});
  Floor floor{.agents = 10, .ready = 0, .answers = 100, .abandons = 4};
  Feed(policy, floor, 0, 59);
  EXPECT_DOUBLE_EQ(policy.level(), 2.0);  // drop figures first read at 60 s
  Feed(policy, floor, 60, 60);             // also a level update (60 = 4 x 15)
  EXPECT_DOUBLE_EQ(policy.level(), 1.0);
}

// ... or forces it to 1 (ADAPT_HARD_LIMIT).
TEST(AdaptiveDialLevel, HardLimitForcesTheLevelToOne) {
  AdaptiveDialLevel policy =
      Adaptive({.initial_level = 3.0, .drop_mode = AdaptiveDialLevel::DropMode::kHardLimit});
  Feed(policy, Floor{.agents = 10, .ready = 0, .answers = 100, .abandons = 4}, 0, 60);
  EXPECT_DOUBLE_EQ(policy.level(), 1.0);
}

TEST(AdaptiveDialLevel, TheDayRuleWaitsForFiftyCallsAndAStrictExcess) {
  AdaptiveDialLevel few = Adaptive({.initial_level = 2.0});
  Feed(few, Floor{.agents = 10, .ready = 0, .answers = 50, .abandons = 10}, 0, 60);
  EXPECT_DOUBLE_EQ(few.level(), 2.0);
  AdaptiveDialLevel at_target = Adaptive({.initial_level = 2.0});
  Feed(at_target, Floor{.agents = 10, .ready = 0, .answers = 100, .abandons = 3}, 0, 60);
  EXPECT_DOUBLE_EQ(at_target.level(), 2.0);
}

TEST(AdaptiveDialLevel, OverHalfDroppedInTheLastMinuteHalvesTheLevel) {
  AdaptiveDialLevel policy = Adaptive({.initial_level = 2.8});
  Floor floor{.agents = 10, .ready = 0, .answers = 2000, .abandons = 0};
  Feed(policy, floor, 0, 60);  // first read: baseline, a clean day
  EXPECT_DOUBLE_EQ(policy.level(), 2.8);
  floor.answers += 30;
  floor.abandons += 16;  // 16 of 30 in the last minute, the day still under 3 %
  Feed(policy, floor, 61, 120);
  EXPECT_DOUBLE_EQ(policy.level(), 1.4);
}

TEST(AdaptiveDialLevel, RejectsSettingsVicidialWouldNot) {
  EXPECT_FALSE(AdaptiveDialLevel::Create({.max_level = 0.5}).ok());
  EXPECT_FALSE(AdaptiveDialLevel::Create({.initial_level = 4, .max_level = 3}).ok());
  EXPECT_FALSE(AdaptiveDialLevel::Create({.intensity = 50}).ok());
}

}  // namespace
}  // namespace tmk::dialing
