// The blending rule (R18): how many blended agents the queues take from outbound as load changes.
#include "services/dialing/domain/blend_policy.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using std::chrono::seconds;

QueueLoad Quiet(int blended) {
  QueueLoad load;
  load.blended_agents = blended;
  load.mean_handle_seconds = 180;
  load.service_level_threshold_seconds = 20;
  load.service_level_target = 0.8;
  load.quiet_for = seconds(3600);
  return load;
}

TEST(BlendPolicyTest, QuietQueuesLeaveEveryBlendedAgentToOutbound) {
  EXPECT_EQ(BlendedAgentsOnInbound(Quiet(10), {}), 0);
}

TEST(BlendPolicyTest, TheGroupFloorStaysOnInbound) {
  BlendingPolicy policy;
  policy.min_inbound_agents = 2;
  EXPECT_EQ(BlendedAgentsOnInbound(Quiet(10), policy), 2);
  EXPECT_EQ(BlendedAgentsOnInbound(Quiet(1), policy), 1);  // never more than there are
}

TEST(BlendPolicyTest, ExpectedArrivalsAreStaffedForTheServiceLevel) {
  QueueLoad load = Quiet(20);
  load.arrivals_per_second = 2.0 / 60;  // 6 Erlangs at 180 s
  const int on_inbound = BlendedAgentsOnInbound(load, {});
  EXPECT_GE(on_inbound, 7);
  EXPECT_LE(on_inbound, 10);
  // Inbound-only agents count first: fewer blended agents are needed.
  load.inbound_only_agents = 5;
  load.inbound_only_ready = 5;
  EXPECT_EQ(BlendedAgentsOnInbound(load, {}), on_inbound - 5);
}

TEST(BlendPolicyTest, MoreLoadTakesMoreAgentsFromOutbound) {
  QueueLoad load = Quiet(30);
  int previous = 0;
  for (double per_minute : {0.5, 2.0, 5.0}) {
    load.arrivals_per_second = per_minute / 60;
    const int on_inbound = BlendedAgentsOnInbound(load, {});
    EXPECT_GT(on_inbound, previous) << per_minute << " calls a minute";
    previous = on_inbound;
  }
}

TEST(BlendPolicyTest, EveryWaitingCallBeyondTheFreeAgentsAsksForOneMore) {
  QueueLoad load = Quiet(10);
  load.quiet_for = seconds(0);
  load.waiting_calls = 3;
  load.blended_on_inbound = 2;  // both busy
  EXPECT_EQ(BlendedAgentsOnInbound(load, {}), 5);
  load.blended_on_inbound_ready = 2;  // both free: they take two of the three
  EXPECT_EQ(BlendedAgentsOnInbound(load, {}), 3);
}

TEST(BlendPolicyTest, TriggersMoveOneMoreEvenWhenStaffingSaysEnough) {
  BlendingPolicy policy;
  policy.move_to_inbound_wait = seconds(10);
  QueueLoad load = Quiet(10);
  load.quiet_for = seconds(0);
  load.waiting_calls = 1;
  load.blended_on_inbound = 3;
  load.blended_on_inbound_ready = 3;  // the routing will serve it, but it has waited too long
  load.oldest_wait = seconds(5);
  EXPECT_EQ(BlendedAgentsOnInbound(load, policy), 3);
  load.oldest_wait = seconds(12);
  EXPECT_EQ(BlendedAgentsOnInbound(load, policy), 4);
}

TEST(BlendPolicyTest, AgentsReturnToOutboundOnlyAfterTheQueuesWereQuiet) {
  BlendingPolicy policy;
  policy.return_to_outbound_after = seconds(60);
  QueueLoad load = Quiet(10);
  load.blended_on_inbound = 4;
  load.blended_on_inbound_ready = 4;
  load.quiet_for = seconds(30);
  EXPECT_EQ(BlendedAgentsOnInbound(load, policy), 4);
  load.quiet_for = seconds(61);
  EXPECT_EQ(BlendedAgentsOnInbound(load, policy), 0);
}

}  // namespace
}  // namespace tmk::dialing
