#include "services/common/core/hlc.h"

#include <gtest/gtest.h>

namespace tmk {
namespace {

TimePoint Millis(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

TEST(HybridLogicalClock, FollowsWallTimeWhenItAdvances) {
  ManualClock wall(Millis(1000));
  HybridLogicalClock hlc(wall, "gd");
  HlcTimestamp a = hlc.Now();
  wall.Advance(std::chrono::milliseconds(5));
  HlcTimestamp b = hlc.Now();
  EXPECT_EQ(a.wall_millis, 1000);
  EXPECT_EQ(b.wall_millis, 1005);
  EXPECT_EQ(b.logical, 0u);
  EXPECT_LT(a, b);
}

TEST(HybridLogicalClock, CountsLogicallyWhenWallTimeStalls) {
  ManualClock wall(Millis(1000));
  HybridLogicalClock hlc(wall, "gd");
  HlcTimestamp a = hlc.Now(), b = hlc.Now(), c = hlc.Now();
  EXPECT_EQ(c.wall_millis, 1000);
  EXPECT_EQ(c.logical, 2u);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
}

// R32: a region whose clock runs behind must still order its next change after what it saw.
TEST(HybridLogicalClock, OrdersAfterARemoteStampFromAFastClock) {
  ManualClock slow_wall(Millis(1000));
  HybridLogicalClock slow(slow_wall, "sc");
  HlcTimestamp remote{5000, 3, "gd"};
  HlcTimestamp received = slow.Observe(remote);
  HlcTimestamp next = slow.Now();
  EXPECT_LT(remote, received);
  EXPECT_LT(received, next);
  EXPECT_EQ(next.wall_millis, 5000);
}

TEST(HybridLogicalClock, NodeBreaksTiesDeterministically) {
  HlcTimestamp a{1000, 1, "gd"}, b{1000, 1, "sc"};
  EXPECT_LT(a, b);
  EXPECT_FALSE(b < a);
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace tmk
