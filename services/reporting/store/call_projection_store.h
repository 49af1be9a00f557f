#pragma once
// PostgreSQL side of the call projection (R4, R26-R29): the steps of each call, the call rollups
// upserted by deltas (15 minutes by agent, and without the agent per 15 minutes and per UTC day),
// the calls still open and the customer timeline's call entries. Every method takes a whole
// batch's worth and writes it in a statement or two per table: a projection catching up on a
// backlog pays per batch, not per event (R26-R29 throughput).
#include <pqxx/pqxx>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/reporting/domain/call_contribution.h"

namespace tmk::reporting {

// A call step as the projection stores it: its CallEvent payload.
struct StoredStep {
  std::string call_id;
  int64_t sequence = 0;
  std::string payload;
};

class CallProjectionStore {
 public:
  using StepId = std::pair<std::string, int64_t>;  // call id, sequence

  // Records the steps' payloads; returns those that were new. A step the store already had (a
  // re-published event under a new id), or that `steps` holds twice, changes nothing more.
  std::set<StepId> AddSteps(pqxx::work& tx, const std::vector<StoredStep>& steps) const;
  // Every stored step of each of the calls, by call.
  std::map<std::string, std::vector<StoredStep>> Steps(pqxx::work& tx,
                                                       const std::vector<std::string>& call_ids) const;
  // Adds the changes to every call rollup, each at its grain: one upsert per table for all the
  // changes' distinct keys, then the rows a retraction emptied are removed.
  void ApplyContributions(pqxx::work& tx, const std::vector<CallContribution>& changes) const;
  // Keeps call_open in step with the calls (each at most once): present until they end.
  void TrackOpen(pqxx::work& tx, const std::vector<CallFacts>& calls) const;
  // The customers' timeline entries of the calls (R4), each call at most once.
  void UpsertTimeline(pqxx::work& tx, const std::vector<CallFacts>& calls) const;

  // The column of each CallMeasures field, in CallMeasures::Zip order.
  static const std::vector<std::string>& MeasureColumns();
};

}  // namespace tmk::reporting
