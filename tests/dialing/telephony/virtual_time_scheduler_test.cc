#include "services/dialing/telephony/virtual_time_scheduler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tmk::dialing {
namespace {

using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1'000'000));

TEST(VirtualTimeScheduler, RunsTasksInTimeOrderAndMovesTheClockToEach) {
  VirtualTimeScheduler scheduler(kStart);
  std::vector<std::pair<std::string, TimePoint>> ran;
  auto task = [&](std::string name) {
    return [&, name] { ran.push_back({name, scheduler.Now()}); };
  };
  scheduler.At(kStart + seconds(30), task("c"));
  scheduler.At(kStart + seconds(10), task("a"));
  scheduler.After(std::chrono::duration<double>(20.5), task("b"));
  EXPECT_EQ(scheduler.pending(), 3u);
  scheduler.RunUntil(kStart + seconds(60));
  ASSERT_EQ(ran.size(), 3u);
  EXPECT_EQ(ran[0].first, "a");
  EXPECT_EQ(ran[0].second, kStart + seconds(10));
  EXPECT_EQ(ran[1].first, "b");
  EXPECT_EQ(ran[1].second, kStart + std::chrono::milliseconds(20500));
  EXPECT_EQ(ran[2].first, "c");
  EXPECT_EQ(scheduler.Now(), kStart + seconds(60));
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(VirtualTimeScheduler, TasksDueTogetherRunInTheOrderScheduled) {
  VirtualTimeScheduler scheduler(kStart);
  std::string order;
  for (char c : std::string("abcdefgh")) scheduler.At(kStart + seconds(5), [&, c] { order += c; });
  scheduler.RunUntil(kStart + seconds(5));
  EXPECT_EQ(order, "abcdefgh");
}

TEST(VirtualTimeScheduler, TasksScheduledByTasksRunInTheSameSweepWhenDue) {
  VirtualTimeScheduler scheduler(kStart);
  int runs = 0;
  std::function<void()> again = [&] {
    if (++runs < 10) scheduler.After(seconds(1), again);
  };
  scheduler.After(seconds(1), again);
  scheduler.RunUntil(kStart + seconds(5));
  EXPECT_EQ(runs, 5);
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.RunUntil(kStart + seconds(100));
  EXPECT_EQ(runs, 10);
}

TEST(VirtualTimeScheduler, TheClockNeverGoesBack) {
  VirtualTimeScheduler scheduler(kStart);
  scheduler.RunUntil(kStart + seconds(10));
  TimePoint ran_at;
  scheduler.At(kStart + seconds(3), [&] { ran_at = scheduler.Now(); });  // already past
  EXPECT_TRUE(scheduler.RunNext());
  EXPECT_EQ(ran_at, kStart + seconds(10));
  scheduler.RunUntil(kStart + seconds(4));
  EXPECT_EQ(scheduler.Now(), kStart + seconds(10));
  EXPECT_FALSE(scheduler.RunNext());
}

TEST(VirtualTimeScheduler, NeverRunsATaskInsideAt) {
  VirtualTimeScheduler scheduler(kStart);
  bool ran = false;
  scheduler.At(kStart, [&] { ran = true; });
  EXPECT_FALSE(ran);
  scheduler.RunNext();
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace tmk::dialing
