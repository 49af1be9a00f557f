// Erlang C, the staffing law of the blending rule (R18, R26).
#include "services/dialing/domain/erlang_c.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(ErlangCTest, MatchesTheTextbookCase) {
  // 10 Erlangs (e.g. 2 calls/min at 5 min handle time) on 12 agents: P(wait) ≈ 0.449, and with a
  // 20 s threshold at 300 s handle time the service level ≈ 0.621.
  EXPECT_NEAR(ErlangCWaitProbability(12, 10), 0.449, 0.001);
  EXPECT_NEAR(ErlangCServiceLevel(12, 10, 300, 20), 0.6, 0.03);
}

TEST(ErlangCTest, NoTrafficNeedsNobodyAndOverloadWaitsAlways) {
  EXPECT_EQ(ErlangCWaitProbability(3, 0), 0);
  EXPECT_EQ(ErlangCAgentsFor(0, 180, 20, 0.8, 10), 0);
  EXPECT_EQ(ErlangCWaitProbability(3, 3), 1);
  EXPECT_EQ(ErlangCServiceLevel(3, 5, 180, 20), 0);
}

TEST(ErlangCTest, StaffsTheFewestAgentsMeetingTheTarget) {
  const int n = ErlangCAgentsFor(10, 300, 20, 0.8, 100);
  EXPECT_GE(ErlangCServiceLevel(n, 10, 300, 20), 0.8);
  EXPECT_LT(ErlangCServiceLevel(n - 1, 10, 300, 20), 0.8);
  EXPECT_EQ(ErlangCAgentsFor(10, 300, 20, 0.8, 11), 11);  // capped by the agents there are
}

}  // namespace
}  // namespace tmk::dialing
