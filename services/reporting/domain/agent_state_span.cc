#include "services/reporting/domain/agent_state_span.h"

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {

bool SpanOf(const std::string& region_id, const std::string& agent_id, AgentState previous,
            TimePoint changed_at, Millis previous_duration, AgentStateSpan& span) {
  if (previous == AgentState::kLoggedOut || previous == AgentState::kUnspecified) return false;
  if (previous_duration <= Millis(0)) return false;
  span.bucket = BucketStart(changed_at - previous_duration);
  span.region_id = region_id;
  span.agent_id = agent_id;
  span.state = previous;
  span.duration = previous_duration;
  return true;
}

}  // namespace tmk::reporting
