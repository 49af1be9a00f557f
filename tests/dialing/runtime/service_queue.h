#pragma once
// The inbound queue the router's pgtests serve (R18, R26): `number` answered by `group_id`'s
// agents, service level 80 % within 20 s, callers kept up to `max_wait`.
#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <string>

#include "telemarketing/dialing/v1/inbound_queue.pb.h"

namespace tmk::dialing::testing {

inline telemarketing::dialing::v1::InboundQueue ServiceQueue(const std::string& queue_id,
                                                             const std::string& group_id,
                                                             const std::string& number,
                                                             std::chrono::seconds max_wait) {
  using google::protobuf::util::TimeUtil;
  telemarketing::dialing::v1::InboundQueue queue;
  queue.set_queue_id(queue_id);
  queue.set_display_name("service");
  queue.add_dialed_numbers(number);
  queue.add_agent_group_ids(group_id);
  *queue.mutable_service_level_threshold() = TimeUtil::SecondsToDuration(20);
  queue.set_service_level_target(0.8);
  *queue.mutable_max_wait() = TimeUtil::SecondsToDuration(max_wait.count());
  *queue.mutable_create_time() = TimeUtil::SecondsToTimestamp(1'780'000'000);
  queue.set_revision(1);
  return queue;
}

}  // namespace tmk::dialing::testing
