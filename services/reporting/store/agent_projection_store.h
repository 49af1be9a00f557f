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
  void AddSpan(pqxx::work& tx, const AgentStateSpan& span) const;
  // Newer revisions win, so a replayed or late roster event changes nothing.
  void UpsertProfile(pqxx::work& tx, const std::string& agent_id, const std::string& display_name,
                     const std::string& group_id, int64_t revision) const;
  // Newer states win by their time; an equal time keeps the first.
  void UpsertCurrent(pqxx::work& tx, const AgentCurrent& current) const;
  std::vector<AgentCurrent> LoadCurrent(pqxx::work& tx) const;
};

}  // namespace tmk::reporting
