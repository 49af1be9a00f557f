#pragma once
// Reads the rollups for reports (R26-R28): sums of rollup rows over a scope, never raw events —
// the coarsest rollup that answers (per UTC day and per 15 minutes without the agent, unless the
// question names agents or groups).
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/reporting/domain/agent_state_span.h"
#include "services/reporting/domain/call_measures.h"
#include "services/reporting/store/report_scope.h"

namespace tmk::reporting {

struct CallRow {
  TimePoint bucket;
  std::string key;  // the split's value ("" for none)
  int direction = 0;
  CallMeasures measures;
};

struct AgentTimeRow {
  TimePoint bucket;
  std::string key;
  std::map<AgentState, int64_t> state_ms;
};

class ReportQueryStore {
 public:
  // Ordered by bucket, key, direction; `direction` 0 means both (separate rows).
  std::vector<CallRow> CallRows(pqxx::work& tx, const ReportScope& scope, SplitBy split,
                                int direction) const;
  // Time per agent state, split like CallRows (campaign and queue splits have no agent time).
  std::vector<AgentTimeRow> AgentTime(pqxx::work& tx, const ReportScope& scope,
                                      SplitBy split) const;
  // Revenue of the orders (not cancelled) each agent took, per bucket of their creation, and
  // the currency of the last seen.
  std::map<std::pair<TimePoint, std::string>, double> AgentRevenue(pqxx::work& tx,
                                                                   const ReportScope& scope,
                                                                   std::string& currency) const;
  // Display names: agents, groups have none of their own (their id), campaigns from snapshots.
  std::map<std::string, std::string> AgentNames(pqxx::work& tx) const;
  std::map<std::string, std::string> AgentGroups(pqxx::work& tx) const;
};

// SQL for the start of the report bucket holding `column`, in the zone of the scope row `s`.
std::string BucketSql(BucketWidth width, const std::string& column);

}  // namespace tmk::reporting
