#pragma once
// Time an agent spent in one state (R19, R26, R28), from a StateChanged event that closes it.
// Each span is counted once in the bucket it started in, so agent rollups are sums of independent
// spans and do not depend on the order of the events.
#include <string>

#include "services/dialing/domain/agent_state_machine.h"
#include "services/reporting/domain/call_step.h"

namespace tmk::reporting {

// Dialing's states, numbered as telemarketing.dialing.v1.AgentState.
using dialing::AgentState;

struct AgentStateSpan {
  TimePoint bucket;
  std::string region_id;
  std::string agent_id;
  AgentState state = AgentState::kUnspecified;
  Millis duration{0};
};

// The span a transition out of `previous` at `changed_at` closes; none for a span of a logged-out
// agent (not working time) or of no length.
bool SpanOf(const std::string& region_id, const std::string& agent_id, AgentState previous,
            TimePoint changed_at, Millis previous_duration, AgentStateSpan& span);

}  // namespace tmk::reporting
