#pragma once
// How a call ends (R17, R20, R26): its row goes ENDED with the outcome and durations and
// CallEnded is published; a call no agent will wrap up (busy, no answer, invalid number,
// machine, abandoned, lost in a crash) is then dispositioned by the system at once — the lead
// back into its schedule by SystemDisposition through the same LeadWrapUp as an agent's — and
// CallDispositioned follows. All in the caller's transaction.
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/lead_wrap_up.h"
#include "services/dialing/store/campaign_projection_store.h"

namespace tmk::dialing {

class CallCloser {
 public:
  CallCloser(const Clock& clock, const CallLedger& ledger,
             const CampaignProjectionStore& campaigns)
      : clock_(clock), ledger_(ledger), campaigns_(campaigns), leads_(clock) {}

  // ENDED and CallEnded; an agent's call then waits for its wrap-up.
  void End(pqxx::work& tx, CallRow& row, campaigns::CallOutcome outcome,
           telemarketing::events::v1::CallEndedBy ended_by) const;
  // End, then the system's disposition: DISPOSITIONED and CallDispositioned.
  absl::Status CloseUnattended(pqxx::work& tx, CallRow& row, campaigns::CallOutcome outcome,
                               telemarketing::events::v1::CallEndedBy ended_by) const;

 private:
  const Clock& clock_;
  const CallLedger& ledger_;
  const CampaignProjectionStore& campaigns_;
  LeadWrapUp leads_;
};

}  // namespace tmk::dialing
