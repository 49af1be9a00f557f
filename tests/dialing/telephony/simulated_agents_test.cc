#include "services/dialing/telephony/simulated_agents.h"

#include <gtest/gtest.h>

#include <map>

#include "services/dialing/telephony/virtual_time_scheduler.h"

namespace tmk::dialing {
namespace {

const TimePoint kStart = TimePoint(std::chrono::seconds(1'800'000'000));

TEST(SimulatedAgents, WrapUpTakesItsTimeThenPicksADispositionByWeight) {
  VirtualTimeScheduler scheduler(kStart);
  SimulatedAgents agents = *SimulatedAgents::Create(
      scheduler, {DurationDistribution::Exponential(30),
                  {{"ORDER", 1}, {"CALLBACK", 3}, {"NEVER", 0}, {"NOT_INTERESTED", 6}},
                  42});
  constexpr int kWrapUps = 50000;
  std::map<std::string, int> dispositions;
  double total_seconds = 0;
  for (int i = 0; i < kWrapUps; ++i) {
    const TimePoint started = scheduler.Now();
    bool done = false;
    agents.WrapUp("agent-" + std::to_string(i % 7),
                  [&, i](const std::string& agent, const std::string& disposition) {
                    EXPECT_EQ(agent, "agent-" + std::to_string(i % 7));
                    ++dispositions[disposition];
                    total_seconds +=
                        std::chrono::duration<double>(scheduler.Now() - started).count();
                    done = true;
                  });
    EXPECT_FALSE(done);  // never inside WrapUp
    scheduler.RunNext();
    ASSERT_TRUE(done);
  }
  EXPECT_NEAR(total_seconds / kWrapUps, 30, 30 * 0.02);
  EXPECT_EQ(dispositions.count("NEVER"), 0u);
  EXPECT_NEAR(dispositions["ORDER"] / double(kWrapUps), 0.1, 0.006);
  EXPECT_NEAR(dispositions["CALLBACK"] / double(kWrapUps), 0.3, 0.01);
  EXPECT_NEAR(dispositions["NOT_INTERESTED"] / double(kWrapUps), 0.6, 0.01);
}

TEST(SimulatedAgents, WithoutDispositionsTheCodeIsEmpty) {
  VirtualTimeScheduler scheduler(kStart);
  SimulatedAgents agents =
      *SimulatedAgents::Create(scheduler, {DurationDistribution::Fixed(12), {}, 1});
  std::string got = "unset";
  agents.WrapUp("a", [&](const std::string&, const std::string& d) { got = d; });
  scheduler.RunUntil(kStart + std::chrono::seconds(11));
  EXPECT_EQ(got, "unset");
  scheduler.RunUntil(kStart + std::chrono::seconds(12));
  EXPECT_EQ(got, "");
}

TEST(SimulatedAgents, RejectsBadSettings) {
  VirtualTimeScheduler scheduler(kStart);
  EXPECT_FALSE(
      SimulatedAgents::Create(scheduler, {DurationDistribution::Exponential(0), {}, 1}).ok());
  EXPECT_FALSE(
      SimulatedAgents::Create(scheduler, {DurationDistribution::Fixed(1), {{"", 1}}, 1}).ok());
  EXPECT_FALSE(
      SimulatedAgents::Create(scheduler, {DurationDistribution::Fixed(1), {{"A", 0}}, 1}).ok());
  EXPECT_FALSE(
      SimulatedAgents::Create(scheduler, {DurationDistribution::Fixed(1), {{"A", -1}}, 1}).ok());
}

}  // namespace
}  // namespace tmk::dialing
