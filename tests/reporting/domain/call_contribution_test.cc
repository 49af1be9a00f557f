// The call fold and its rollup contribution (R20, R26): order does not matter, the compliance
// abandon definition, and retract-and-add deltas that sum to the final contribution.
#include "services/reporting/domain/call_contribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {
namespace {

const TimePoint kT0 = TimePoint(std::chrono::seconds(1'790'000'000));

CallStep Step(int64_t sequence, StepKind kind, int seconds_after) {
  CallStep s;
  s.sequence = sequence;
  s.kind = kind;
  s.time = kT0 + std::chrono::seconds(seconds_after);
  s.campaign_id = "c1";
  s.region_id = "gd";
  s.direction = Direction::kOutbound;
  return s;
}

std::vector<CallStep> AnsweredCall(Millis connect_wait) {
  std::vector<CallStep> steps = {Step(1, StepKind::kCreated, 0), Step(2, StepKind::kAnswered, 10)};
  CallStep connected = Step(3, StepKind::kAgentConnected, 11);
  connected.agent_id = "a1";
  connected.wait = connect_wait;
  CallStep ended = Step(4, StepKind::kEnded, 100);
  ended.talk = Millis(89000);
  ended.hold = Millis(1000);
  ended.line = Millis(100000);
  CallStep disposed = Step(5, StepKind::kDispositioned, 120);
  disposed.wrap_up = Millis(20000);
  disposed.order_id = "o1";
  disposed.counts_as_conversion = true;
  steps.insert(steps.end(), {connected, ended, disposed});
  return steps;
}

TEST(CallContributionTest, HandledCallCountsOnceWithItsTimes) {
  CallContribution c = ContributionOf(FoldCall("x", AnsweredCall(Millis(800))));
  EXPECT_EQ(c.key.bucket, BucketStart(kT0));
  EXPECT_EQ(c.key.agent_id, "a1");
  EXPECT_EQ(c.measures.dial_attempts, 1);
  EXPECT_EQ(c.measures.contacts, 1);
  EXPECT_EQ(c.measures.offered, 1);
  EXPECT_EQ(c.measures.handled, 1);
  EXPECT_EQ(c.measures.abandoned, 0);
  EXPECT_EQ(c.measures.handle_count, 1);
  EXPECT_EQ(c.measures.talk_ms + c.measures.hold_ms + c.measures.wrap_ms, 110000);
  EXPECT_EQ(c.measures.wait_ms, 800);
  EXPECT_EQ(c.measures.answered_within[0], 1);  // within 5 s
  EXPECT_EQ(c.measures.orders, 1);
  EXPECT_EQ(c.measures.conversions, 1);
}

TEST(CallContributionTest, AgentAfterTwoSecondsIsAComplianceAbandon) {
  EXPECT_FALSE(IsAbandon(FoldCall("x", AnsweredCall(Millis(2000)))));
  EXPECT_TRUE(IsAbandon(FoldCall("x", AnsweredCall(Millis(2001)))));
}

TEST(CallContributionTest, AnsweredAndEndedWithoutAgentIsAnAbandonButAMachineIsNot) {
  std::vector<CallStep> dropped = {Step(1, StepKind::kCreated, 0), Step(2, StepKind::kAnswered, 5),
                                   Step(3, StepKind::kEnded, 8)};
  EXPECT_TRUE(IsAbandon(FoldCall("x", dropped)));
  std::vector<CallStep> machine = {Step(1, StepKind::kCreated, 0), Step(2, StepKind::kAnswered, 5),
                                   Step(3, StepKind::kMachineDetected, 6), Step(4, StepKind::kEnded, 8)};
  EXPECT_FALSE(IsAbandon(FoldCall("x", machine)));
  EXPECT_EQ(ContributionOf(FoldCall("x", machine)).measures.offered, 0);
}

TEST(CallContributionTest, InboundAbandonIsAHangUpInQueue) {
  std::vector<CallStep> steps = {Step(1, StepKind::kCreated, 0), Step(2, StepKind::kQueued, 1),
                                 Step(3, StepKind::kAbandoned, 40)};
  for (CallStep& s : steps) s.direction = Direction::kInbound;
  CallContribution c = ContributionOf(FoldCall("x", steps));
  EXPECT_EQ(c.measures.offered, 1);
  EXPECT_EQ(c.measures.abandoned, 1);
  EXPECT_EQ(c.measures.dial_attempts, 0);
}

TEST(CallContributionTest, AnyArrivalOrderGivesTheSameRollupSum) {
  const std::vector<CallStep> steps = AnsweredCall(Millis(1500));
  const CallContribution expected = ContributionOf(FoldCall("x", steps));
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    std::vector<CallStep> order = steps;
    std::shuffle(order.begin(), order.end(), random);
    // Apply step by step as the projection does: retract the old facts, add the new ones.
    std::map<TimePoint, CallMeasures> rollup;
    std::vector<CallStep> seen;
    std::optional<CallFacts> before;
    for (const CallStep& step : order) {
      seen.push_back(step);
      CallFacts after = FoldCall("x", seen);
      for (const CallContribution& change : ContributionChange(before ? &*before : nullptr, after)) {
        rollup[change.key.bucket] += change.measures;
      }
      before = after;
    }
    for (const auto& [bucket, m] : rollup) {
      if (bucket == expected.key.bucket) {
        EXPECT_EQ(m, expected.measures) << "round " << round;
      } else {
        EXPECT_TRUE(m.IsZero()) << "round " << round;
      }
    }
  }
}

TEST(CallContributionTest, ABatchSummedByKeyEqualsItsStepsAppliedOneByOne) {
  // Three calls, their steps interleaved as a batch brings them; one call's agent appears only
  // with its later steps, so its contribution moves between rows.
  std::vector<std::vector<CallStep>> calls = {AnsweredCall(Millis(800)), AnsweredCall(Millis(3000)),
                                              AnsweredCall(Millis(100))};
  calls[2][1].agent_id = "a2";
  std::vector<CallContribution> one_by_one;
  std::map<int, std::vector<CallStep>> seen;
  std::map<int, CallFacts> before;
  for (size_t s = 0; s < calls[0].size(); ++s) {
    for (int c = 0; c < 3; ++c) {
      seen[c].push_back(calls[c][s]);
      CallFacts after = FoldCall(std::to_string(c), seen[c]);
      auto it = before.find(c);
      for (CallContribution& change :
           ContributionChange(it == before.end() ? nullptr : &it->second, after)) {
        one_by_one.push_back(std::move(change));
      }
      before[c] = after;
    }
  }
  // Each key once, with the totals of the calls' final facts (all in one bucket, split by agent).
  const std::vector<CallContribution> summed = SumByKey(one_by_one);
  std::map<std::string, CallMeasures> expected;
  for (int c = 0; c < 3; ++c) {
    const CallContribution final_one = ContributionOf(before[c]);
    expected[final_one.key.agent_id] += final_one.measures;
  }
  std::map<std::string, CallMeasures> got;
  for (const CallContribution& change : summed) {
    EXPECT_EQ(got.count(change.key.agent_id), 0u) << "key twice: " << change.key.agent_id;
    got[change.key.agent_id] = change.measures;
  }
  EXPECT_EQ(got, expected);
}

TEST(CallContributionTest, SumByKeyKeepsFirstAppearanceAndDropsCancelledKeys) {
  CallContribution a = ContributionOf(FoldCall("x", AnsweredCall(Millis(800))));
  CallContribution b = a;
  b.key.agent_id = "a9";
  CallContribution minus_a{a.key, {}};
  minus_a.measures -= a.measures;
  const std::vector<CallContribution> out = SumByKey({b, a, b, minus_a});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key.agent_id, "a9");
  EXPECT_EQ(out[0].measures.dial_attempts, 2);
}

}  // namespace
}  // namespace tmk::reporting
