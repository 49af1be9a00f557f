#include "services/dialing/domain/inbound_routing.h"

#include <algorithm>

namespace tmk::dialing {

std::optional<size_t> NextWaitingCall(const std::vector<WaitingCall>& calls) {
  std::optional<size_t> best;
  for (size_t i = 0; i < calls.size(); ++i) {
    if (!best) {
      best = i;
      continue;
    }
    const WaitingCall& c = calls[i];
    const WaitingCall& b = calls[*best];
    if (c.queue_priority > b.queue_priority ||
        (c.queue_priority == b.queue_priority && c.queued_at < b.queued_at)) {
      best = i;
    }
  }
  return best;
}

std::optional<size_t> PickAgent(const std::string& queue_id,
                                const std::vector<std::string>& required_skill_ids,
                                const std::vector<RoutableAgent>& agents) {
  std::optional<size_t> best;
  for (size_t i = 0; i < agents.size(); ++i) {
    const RoutableAgent& a = agents[i];
    if (a.queue_ids.count(queue_id) == 0) continue;
    const bool skilled = std::all_of(required_skill_ids.begin(), required_skill_ids.end(),
                                     [&](const std::string& s) { return a.skill_ids.count(s); });
    if (!skilled) continue;
    if (!best || a.ready_since < agents[*best].ready_since) best = i;
  }
  return best;
}

}  // namespace tmk::dialing
