#include "services/dialing/domain/blend_policy.h"

#include <algorithm>

#include "services/dialing/domain/erlang_c.h"

namespace tmk::dialing {

int BlendedAgentsOnInbound(const QueueLoad& load, const BlendingPolicy& policy) {
  const int all_agents = load.inbound_only_agents + load.blended_agents;
  const double traffic = load.arrivals_per_second * load.mean_handle_seconds;
  // Staff for the arrivals to come...
  int needed = ErlangCAgentsFor(traffic, load.mean_handle_seconds,
                                load.service_level_threshold_seconds, load.service_level_target,
                                all_agents);
  // ...and never leave a call waiting that a blended agent could take now: each waiting call
  // beyond the free inbound agents asks for one more.
  const int free_inbound = load.inbound_only_ready + load.blended_on_inbound_ready;
  const int busy_inbound =
      load.inbound_only_agents + load.blended_on_inbound - free_inbound;
  needed = std::max(needed, busy_inbound + load.waiting_calls);
  int target = std::max(needed - load.inbound_only_agents, policy.min_inbound_agents);
  const bool triggered =
      load.waiting_calls > 0 &&
      ((policy.move_to_inbound_waiting_calls > 0 &&
        load.waiting_calls >= policy.move_to_inbound_waiting_calls) ||
       (policy.move_to_inbound_wait.count() > 0 && load.oldest_wait >= policy.move_to_inbound_wait));
  if (triggered) target = std::max(target, load.blended_on_inbound + 1);
  // Hysteresis: fewer on inbound only once the queues have been quiet long enough.
  if (target < load.blended_on_inbound &&
      (load.waiting_calls > 0 || load.quiet_for < policy.return_to_outbound_after)) {
    target = load.blended_on_inbound;
  }
  return std::clamp(target, 0, load.blended_agents);
}

}  // namespace tmk::dialing
