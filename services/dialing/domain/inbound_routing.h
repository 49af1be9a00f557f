#pragma once
// Which waiting inbound call is served next and by whom (R18, R19): calls of higher-priority
// queues first, then the longest waiting; an agent qualifies when their session takes the queue
// and they have every skill it requires, and among those the longest idle READY agent gets the
// call, so work spreads evenly over the floor.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/common/core/clock.h"

namespace tmk::dialing {

struct WaitingCall {
  std::string call_id;
  int queue_priority = 0;
  TimePoint queued_at;
};

// The index of the call to serve next; nothing when none waits.
std::optional<size_t> NextWaitingCall(const std::vector<WaitingCall>& calls);

struct RoutableAgent {
  std::string session_id;
  std::set<std::string> skill_ids;
  // The queues the session takes (its own, or its groups' when it named none).
  std::set<std::string> queue_ids;
  TimePoint ready_since;
};

// The index of the longest idle agent with every required skill who takes `queue_id`.
std::optional<size_t> PickAgent(const std::string& queue_id,
                                const std::vector<std::string>& required_skill_ids,
                                const std::vector<RoutableAgent>& agents);

}  // namespace tmk::dialing
