#pragma once
// An inbound queue's definition (R18, R19, R26): the dialed numbers routed to it, the skills its
// calls need, its priority among queues (every queue before outbound work), the service-level
// threshold and target the blending rule staffs for, the longest wait before overflow or abandon,
// and the campaigns whose offers its calls may open (cross-sell). Mirrors
// telemarketing.dialing.v1.InboundQueue; every check adds field violations under `prefix`.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/core/status_details.h"

namespace tmk::dialing {

struct InboundQueueSpec {
  std::string queue_id;  // set once stored; an overflow may not name the queue itself
  std::string display_name;
  std::vector<std::string> dialed_numbers;  // E.164
  std::vector<std::string> required_skill_ids;
  std::vector<std::string> agent_group_ids;
  int priority = 0;
  std::chrono::milliseconds service_level_threshold{0};
  double service_level_target = 0;
  std::chrono::milliseconds max_wait{0};
  std::string overflow_queue_id;
  std::vector<std::string> cross_sell_campaign_ids;
};

inline constexpr int kMaxQueuePriority = 100;
// R26: the usual thresholds are 10-60 s; longer than 10 min measures nothing useful.
inline constexpr std::chrono::seconds kMaxServiceLevelThreshold{600};
// Nobody holds longer than an hour; a queue that does is misconfigured.
inline constexpr std::chrono::seconds kMaxQueueWait{3600};

// The queue's own fields; whether its skills, groups, overflow queue and campaigns exist is the
// store's to say.
void CheckInboundQueue(const InboundQueueSpec& queue, std::string_view prefix,
                       Violations& violations);

// A dialed number as the queue keys it: "+" and 6 to 15 digits (E.164; service numbers such as
// +8610086 are short).
bool IsDialedNumber(std::string_view number);

}  // namespace tmk::dialing
