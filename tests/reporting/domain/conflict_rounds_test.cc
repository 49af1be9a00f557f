// Rounds of a batch's rows for merging upserts (R26-R29 throughput): no key twice in a round, a
// key's rows in their order across rounds, every row exactly once.
#include "services/reporting/domain/conflict_rounds.h"

#include <gtest/gtest.h>

namespace tmk::reporting {
namespace {

using Rounds = std::vector<std::vector<size_t>>;

TEST(ConflictRoundsTest, DistinctKeysAreOneRound) {
  EXPECT_EQ(ConflictRounds({"a", "b", "c"}), (Rounds{{0, 1, 2}}));
}

TEST(ConflictRoundsTest, RepeatedKeysGoToLaterRoundsInTheirOrder) {
  EXPECT_EQ(ConflictRounds({"a", "b", "a", "a", "c", "b"}), (Rounds{{0, 1, 4}, {2, 5}, {3}}));
}

TEST(ConflictRoundsTest, NoRowsNoRounds) { EXPECT_TRUE(ConflictRounds({}).empty()); }

}  // namespace
}  // namespace tmk::reporting
