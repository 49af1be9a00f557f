// Routing of inbound calls (R18, R19): which call next, and which agent takes it.
#include "services/dialing/domain/inbound_routing.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TimePoint At(int seconds) { return TimePoint(std::chrono::seconds(1'700'000'000 + seconds)); }

TEST(InboundRoutingTest, HigherPriorityQueuesFirstThenTheLongestWaiting) {
  std::vector<WaitingCall> calls = {{"a", 1, At(0)}, {"b", 5, At(30)}, {"c", 5, At(10)}};
  EXPECT_EQ(NextWaitingCall(calls), 2u);
  calls.erase(calls.begin() + 2);
  EXPECT_EQ(NextWaitingCall(calls), 1u);
  EXPECT_FALSE(NextWaitingCall({}).has_value());
}

TEST(InboundRoutingTest, TheLongestIdleAgentWithEverySkillTakesTheCall) {
  std::vector<RoutableAgent> agents = {
      {"s1", {"broadband"}, {"q"}, At(0)},               // lacks cantonese
      {"s2", {"broadband", "cantonese"}, {"q"}, At(20)},
      {"s3", {"broadband", "cantonese", "vip"}, {"q"}, At(10)},
      {"s4", {"broadband", "cantonese"}, {"other"}, At(1)},  // does not take the queue
  };
  EXPECT_EQ(PickAgent("q", {"broadband", "cantonese"}, agents), 2u);
  EXPECT_EQ(PickAgent("q", {}, agents), 0u);
  EXPECT_FALSE(PickAgent("q", {"french"}, agents).has_value());
}

}  // namespace
}  // namespace tmk::dialing
