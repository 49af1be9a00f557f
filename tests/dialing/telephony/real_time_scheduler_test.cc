// The real-time scheduler behind the demo's simulator (R17): tasks run on its own thread, in time
// order (ties in the order scheduled), not before they are due.
#include "services/dialing/telephony/real_time_scheduler.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

namespace tmk::dialing {
namespace {

using std::chrono::milliseconds;

TEST(RealTimeSchedulerTest, RunsTasksInTimeOrderOnItsThreadWhenDue) {
  RealTimeScheduler scheduler;
  std::mutex mu;
  std::condition_variable done;
  std::vector<int> order;
  std::vector<bool> on_scheduler_thread;
  const TimePoint start = scheduler.Now();
  TimePoint last_run;
  auto record = [&](int n) {
    return [&, n] {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(n);
      on_scheduler_thread.push_back(scheduler.InSchedulerThread());
      last_run = scheduler.Now();
      done.notify_all();
    };
  };
  scheduler.At(start + milliseconds(60), record(3));
  scheduler.At(start + milliseconds(20), record(1));
  scheduler.At(start + milliseconds(20), record(2));  // same time: after 1
  scheduler.Start();
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(done.wait_for(lock, std::chrono::seconds(5), [&] { return order.size() == 3; }));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(on_scheduler_thread, (std::vector<bool>{true, true, true}));
  EXPECT_GE(last_run - start, milliseconds(60)) << "a task ran before it was due";
  lock.unlock();
  scheduler.Stop();
}

}  // namespace
}  // namespace tmk::dialing
