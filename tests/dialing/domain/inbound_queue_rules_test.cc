// An inbound queue's definition (R18, R19, R26): every bad field named at once.
#include "services/dialing/domain/inbound_queue_rules.h"

#include <gtest/gtest.h>

#include <set>

namespace tmk::dialing {
namespace {

InboundQueueSpec Good() {
  InboundQueueSpec q;
  q.display_name = "宽带服务";
  q.dialed_numbers = {"+8610086"};
  q.required_skill_ids = {"broadband"};
  q.agent_group_ids = {"0190a1b2-0000-7000-8000-000000000001"};
  q.priority = 5;
  q.service_level_threshold = std::chrono::seconds(20);
  q.service_level_target = 0.8;
  q.max_wait = std::chrono::seconds(300);
  return q;
}

std::set<std::string> Fields(const InboundQueueSpec& q) {
  Violations v;
  CheckInboundQueue(q, "inbound_queue", v);
  std::set<std::string> fields;
  for (const FieldViolation& f : v.list()) fields.insert(f.field);
  return fields;
}

TEST(InboundQueueRulesTest, AGoodQueuePasses) { EXPECT_TRUE(Fields(Good()).empty()); }

TEST(InboundQueueRulesTest, EveryBadFieldIsNamed) {
  InboundQueueSpec q = Good();
  q.display_name = "";
  q.dialed_numbers = {"10086", "+8610086", "+8610086"};
  q.required_skill_ids = {"Broadband"};
  q.agent_group_ids = {};
  q.priority = 101;
  q.service_level_threshold = std::chrono::seconds(0);
  q.service_level_target = 1;
  q.max_wait = std::chrono::seconds(7200);
  q.overflow_queue_id = "q2";
  q.cross_sell_campaign_ids = {"not-a-campaign"};
  EXPECT_EQ(Fields(q), (std::set<std::string>{
                           "inbound_queue.display_name", "inbound_queue.dialed_numbers[0]",
                           "inbound_queue.dialed_numbers[2]",
                           "inbound_queue.required_skill_ids[0]", "inbound_queue.agent_group_ids",
                           "inbound_queue.priority", "inbound_queue.service_level_threshold",
                           "inbound_queue.service_level_target", "inbound_queue.max_wait",
                           "inbound_queue.overflow_queue_id",
                           "inbound_queue.cross_sell_campaign_ids[0]"}));
}

TEST(InboundQueueRulesTest, AQueueNeitherOverflowsIntoItselfNorWaitsLessThanItsThreshold) {
  InboundQueueSpec q = Good();
  q.queue_id = "0190a1b2-0000-7000-8000-0000000000aa";
  q.overflow_queue_id = q.queue_id;
  q.max_wait = std::chrono::seconds(10);
  EXPECT_EQ(Fields(q), (std::set<std::string>{"inbound_queue.overflow_queue_id",
                                              "inbound_queue.max_wait"}));
}

}  // namespace
}  // namespace tmk::dialing
