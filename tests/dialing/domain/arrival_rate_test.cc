// The measured inbound arrival rate the blending rule staffs for (R18).
#include "services/dialing/domain/arrival_rate.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TimePoint At(int seconds) { return TimePoint(std::chrono::seconds(1'700'000'000 + seconds)); }

TEST(ArrivalRateTest, CountsArrivalsOverTheWindow) {
  ArrivalRate rate(std::chrono::seconds(600));
  EXPECT_EQ(rate.PerSecond(At(0)), 0);
  for (int i = 0; i < 60; ++i) rate.Record(At(i * 10));  // one every 10 s for 10 min
  EXPECT_NEAR(rate.PerSecond(At(600)), 0.1, 0.002);
  // Twenty quiet minutes later nothing is left in the window.
  EXPECT_EQ(rate.PerSecond(At(1800)), 0);
}

TEST(ArrivalRateTest, ABusyStartIsSeenAtOnceButNotAsInfinite) {
  ArrivalRate rate(std::chrono::seconds(900));
  for (int i = 0; i < 6; ++i) rate.Record(At(i));
  EXPECT_NEAR(rate.PerSecond(At(10)), 6.0 / 60, 1e-9);  // a minute at least
}

}  // namespace
}  // namespace tmk::dialing
