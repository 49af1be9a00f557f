#pragma once
// How many blended agents belong on inbound right now (R18). Inbound comes first: enough agents
// are kept on the queues to meet their service-level target for the arrivals expected (Erlang C
// on the measured arrival rate and handle time), plus one for every call already waiting beyond
// the free inbound agents; the group's BlendingPolicy adds its floor (min_inbound_agents) and its
// triggers (this many calls waiting, or the oldest waiting this long). Agents go back to outbound
// only after the queues have been quiet for return_to_outbound_after, so they do not flap. The
// outbound pacer sees only the blended agents left on outbound.
#include <chrono>

#include "services/dialing/domain/agent_roster_rules.h"

namespace tmk::dialing {

struct QueueLoad {
  int waiting_calls = 0;
  std::chrono::milliseconds oldest_wait{0};
  // Measured over the recent past (ArrivalRate).
  double arrivals_per_second = 0;
  double mean_handle_seconds = 180;
  // The strictest of the queues served: threshold and target of the service level (R26).
  double service_level_threshold_seconds = 20;
  double service_level_target = 0.8;
  // Agents on inbound: those who only take inbound calls, and blended ones moved there.
  int inbound_only_agents = 0;       // staffed (not paused, logged in)
  int inbound_only_ready = 0;        // of those, READY now
  int blended_agents = 0;            // staffed blended agents, on either side
  int blended_on_inbound = 0;        // currently moved to inbound
  int blended_on_inbound_ready = 0;  // of those, READY now
  // How long no inbound call has waited (0 while one waits).
  std::chrono::milliseconds quiet_for{0};
};

// The number of blended agents that should be on inbound, in [0, blended_agents].
int BlendedAgentsOnInbound(const QueueLoad& load, const BlendingPolicy& policy);

}  // namespace tmk::dialing
