#pragma once
// The call events of one consumed batch, applied set-based (R26-R29 throughput): the batch's new
// steps stored in one statement, the stored steps of all its calls read in one query, each call
// folded once (before = its steps stored earlier, after = with the batch's new ones), and the
// rollup changes of the whole batch summed per row before one upsert per table. The rollups,
// open calls, timeline and lead progress end exactly as if the steps had been applied one by one:
// the per-step changes of a call telescope to after - before. A batch of one is the single-event
// path.
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/reporting/domain/call_facts.h"
#include "services/reporting/store/call_projection_store.h"
#include "services/reporting/store/lead_projection_store.h"

namespace tmk::reporting {

class CallBatch {
 public:
  // Adds a claimed (first-delivered) call event: its stored payload and its parsed step.
  void Add(StoredStep stored, CallStep step);

  // What the live floor learns once the batch committed.
  struct Applied {
    std::vector<CallFacts> calls;  // the facts of each call the batch changed
    TimePoint latest;              // the newest step the batch added
  };
  // Stores the steps and moves every projection of their calls in `tx`.
  absl::Status Apply(pqxx::work& tx, const CallProjectionStore& calls,
                     const LeadProjectionStore& leads, Applied& applied) const;

 private:
  std::vector<StoredStep> stored_;
  std::map<CallProjectionStore::StepId, CallStep> steps_;  // the first of a repeated step
};

}  // namespace tmk::reporting
