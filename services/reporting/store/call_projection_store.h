#pragma once
// PostgreSQL side of the call projection (R4, R26-R29): the steps of each call, the call rollups
// upserted by deltas (15 minutes by agent, and without the agent per 15 minutes and per UTC day),
// the calls still open and the customer timeline's call entries.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "services/reporting/domain/call_contribution.h"

namespace tmk::reporting {

class CallProjectionStore {
 public:
  // Records a step's payload; false when the call already has that sequence (a re-published
  // event with a new id), in which case nothing changes.
  bool AddStep(pqxx::work& tx, const std::string& call_id, int64_t sequence,
               const std::string& payload) const;
  // The payloads of every step of the call, the new one included.
  std::vector<std::pair<int64_t, std::string>> Steps(pqxx::work& tx,
                                                     const std::string& call_id) const;
  // Adds the changes to every call rollup, each at its grain.
  void ApplyContributions(pqxx::work& tx, const std::vector<CallContribution>& changes) const;
  // Keeps call_open in step with the call: present until it ends.
  void TrackOpen(pqxx::work& tx, const CallFacts& facts) const;
  // The customer's timeline entry of the call (R4).
  void UpsertTimeline(pqxx::work& tx, const CallFacts& facts) const;

  // The column of each CallMeasures field, in CallMeasures::Zip order.
  static const std::vector<std::string>& MeasureColumns();
};

}  // namespace tmk::reporting
