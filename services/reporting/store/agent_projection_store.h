#pragma once
// PostgreSQL side of the agent projection (R26, R28, R29): time per state per 15 minutes, the
// roster's names and groups, and each agent's latest state.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "services/reporting/domain/agent_state_span.h"

namespace tmk::reporting {

struct AgentCurrent {
  std::string agent_id;
  std::string region_id;
  int state = 0;
  int pause_reason = 0;
  std::string call_id;
  std::string campaign_id;
  TimePoint since;
};

class AgentProjectionStore {
 public:
  // Adds the spans to agent_rollup, summed per row first: one upsert for a whole batch.
  void AddSpans(pqxx::work& tx, const std::vector<AgentStateSpan>& spans) const;
  // Newer revisions win, so a replayed or late roster event changes nothing.
  void UpsertProfile(pqxx::work& tx, const std::string& agent_id, const std::string& display_name,
                     const std::string& group_id, int64_t revision) const;
  // Newer states win by their time; an equal time keeps the first. One statement per
  // ConflictRounds round of the agents (a batch rarely holds an agent twice).
  void UpsertCurrent(pqxx::work& tx, const std::vector<AgentCurrent>& currents) const;
  std::vector<AgentCurrent> LoadCurrent(pqxx::work& tx) const;
};

}  // namespace tmk::reporting
