#include "services/dialing/domain/abandon_guard.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tmk::dialing {
namespace {

double Choose(int n, int k) {
  double c = 1;
  for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
  return c;
}

double DirectTail(int n, double p, int k) {
  double tail = 0;
  for (int j = k + 1; j <= n; ++j) tail += Choose(n, j) * std::pow(p, j) * std::pow(1 - p, n - j);
  return tail;
}

TEST(AbandonGuard, BinomialTailMatchesTheDirectSum) {
  for (int n : {1, 5, 12, 40}) {
    for (double p : {0.05, 0.2, 0.5, 0.9}) {
      for (int k : {0, 1, 3, 7, 20}) {
        EXPECT_NEAR(AbandonGuard::BinomialTail(n, p, k), DirectTail(n, p, k), 1e-12)
            << n << " " << p << " " << k;
      }
    }
  }
  EXPECT_EQ(AbandonGuard::BinomialTail(10, 0.2, -1), 1);
  EXPECT_EQ(AbandonGuard::BinomialTail(10, 0.2, 10), 0);
  EXPECT_EQ(AbandonGuard::BinomialTail(10, 1.0, 9), 1);
}

// R20: with nothing to spend, predictive dialing is down to one call per free agent.
TEST(AbandonGuard, WithNoBudgetOnlyFreeAgentsAreDialedFor) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  EXPECT_EQ(guard.MaxDialing(0, 0, 0.2), 0);
  EXPECT_EQ(guard.MaxDialing(3, 0, 0.2), 3);
  EXPECT_EQ(guard.MaxDialing(3, -5, 0.2), 3);  // an overspent ledger still allows progressive
}

TEST(AbandonGuard, MoreWaitingCallsThanFreeAgentsSpendTheBudgetFirst) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  EXPECT_EQ(guard.MaxDialing(-2, 0, 0.2), 0);
  EXPECT_EQ(guard.MaxDialing(-2, 1, 0.2), 0);
}

TEST(AbandonGuard, AllowsTheMostCallsWithinTheRisk) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  for (int free : {0, 2, 10}) {
    for (int64_t budget : {1, 5, 30}) {
      const int n = guard.MaxDialing(free, budget, 0.2);
      EXPECT_LE(AbandonGuard::BinomialTail(n, 0.2, free + budget), 1e-4);
      EXPECT_GT(AbandonGuard::BinomialTail(n + 1, 0.2, free + budget), 1e-4);
    }
  }
  // At p = 0.2 a budget buys more calls than itself.
  EXPECT_GT(guard.MaxDialing(2, 30, 0.2), 32 + 30);
}

TEST(AbandonGuard, AllowsMoreWhenFewerCallsAreAnswered) {
  const AbandonGuard guard = *AbandonGuard::Create(1e-4);
  EXPECT_GT(guard.MaxDialing(2, 5, 0.1), guard.MaxDialing(2, 5, 0.2));
  EXPECT_GT(guard.MaxDialing(2, 5, 0.2), guard.MaxDialing(2, 5, 0.5));
  EXPECT_EQ(guard.MaxDialing(2, 5, 1.0), 7);  // every call answered: exactly what fits
}

TEST(AbandonGuard, ALargerRiskAllowsMore) {
  EXPECT_GT(AbandonGuard::Create(1e-2)->MaxDialing(2, 5, 0.2),
            AbandonGuard::Create(1e-6)->MaxDialing(2, 5, 0.2));
  EXPECT_FALSE(AbandonGuard::Create(0).ok());
  EXPECT_FALSE(AbandonGuard::Create(0.5).ok());
}

}  // namespace
}  // namespace tmk::dialing
