#pragma once
// The wrap-up of an inbound service call that belongs to no campaign (R18, R19, R26): the agent
// opened no cross-sell, so there is no campaign disposition set, lead, order or callback. The code
// must be one of the fixed service outcomes (domain/service_dispositions.h); a callback, order or
// feedback is refused field by field, since only a campaign can carry them (open a cross-sell
// first). The session leaves WRAP_UP and the call is DISPOSITIONED with its CallDispositioned, in
// the caller's transaction. CallWrapUp hands such calls here after its own checks (the session
// holds the call, it has ended, it was not wrapped up before).
#include <pqxx/pqxx>

#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/store/call_store.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"
#include "telemarketing/dialing/v1/desktop.pb.h"

namespace tmk::dialing {

class ServiceCallWrapUp {
 public:
  ServiceCallWrapUp(const Clock& clock, AgentSessions& sessions, const CallLedger& ledger)
      : clock_(clock), sessions_(sessions), ledger_(ledger) {}

  // INVALID_ARGUMENT with field violations for a code outside the service outcomes and for a
  // callback, order or feedback.
  absl::StatusOr<telemarketing::dialing::v1::SubmitDispositionResponse> Submit(
      pqxx::work& tx, CallRow& row, SessionRow session,
      const telemarketing::dialing::v1::SubmitDispositionRequest& request) const;

 private:
  const Clock& clock_;
  AgentSessions& sessions_;
  const CallLedger& ledger_;
};

// The service outcomes as the desktop offers them on a call with no campaign.
std::vector<telemarketing::dialing::v1::DispositionChoice> ServiceDispositionChoices();

// Where the agent goes after any wrap-up (R19): READY, or PAUSED when the request asks for it.
StateRequest StateAfterWrapUp(const telemarketing::dialing::v1::SubmitDispositionRequest& request);

}  // namespace tmk::dialing
