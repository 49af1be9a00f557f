#pragma once
// An agent's wrap-up of a call (R2, R3, R11-R13, R17, R22), in the caller's transaction: only the
// session holding the ended call may submit it, once; the code must be an active one of the
// campaign's disposition set. The lead takes the disposition's effect (LeadWrapUp: next attempt,
// stop, callback inside the calling windows, order with its after-sale check call); an order is
// stored and published (OrderCaptured), feedback is published (ProductFeedbackRecorded), profile
// and contact-point changes are queued for contacts, the session leaves WRAP_UP, and the call is
// DISPOSITIONED with its CallDispositioned — all committed together.
// An inbound service call that no cross-sell attached to a campaign is wrapped up by
// ServiceCallWrapUp with the fixed service outcomes (R18).
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/lead_wrap_up.h"
#include "services/dialing/api/service_call_wrap_up.h"
#include "services/dialing/api/wrap_up_events.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/contacts_forwarding_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/order_store.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

class CallWrapUp {
 public:
  CallWrapUp(const Clock& clock, AgentSessions& sessions, const CallLedger& ledger,
             const WrapUpEvents& events, const CampaignProjectionStore& campaigns)
      : clock_(clock), sessions_(sessions), ledger_(ledger), events_(events),
        campaigns_(campaigns), leads_(clock), service_calls_(clock, sessions, ledger) {}

  // What can be checked without the database: ids, the code, the shape of a callback and
  // feedback, the size of notes.
  static void CheckRequest(const telemarketing::dialing::v1::SubmitDispositionRequest& request,
                           Violations& violations);

  // Refusals: NOT_FOUND for an unknown call or session; FAILED_PRECONDITION ALREADY_DISPOSITIONED
  // for a second wrap-up, CALL_NOT_ENDED while the call is live; PERMISSION_DENIED CALL_NOT_HELD
  // for a call of another session; INVALID_ARGUMENT with field violations for a code outside the
  // set and for a callback, order or feedback the disposition needs or refuses;
  // FAILED_PRECONDITION OUTSIDE_CALLING_WINDOW for a callback the windows do not allow.
  absl::StatusOr<telemarketing::dialing::v1::SubmitDispositionResponse> Submit(
      pqxx::work& tx, const telemarketing::dialing::v1::SubmitDispositionRequest& request,
      const std::string& creator_id) const;

 private:
  absl::Status CheckCallbackWindows(pqxx::work& tx, const telemarketing::dialing::v1::Call& call,
                                    TimePoint callback_time) const;
  void QueueContactsChanges(pqxx::work& tx, const telemarketing::dialing::v1::Call& call,
                            const telemarketing::dialing::v1::SubmitDispositionRequest& request,
                            TimePoint now) const;

  const Clock& clock_;
  AgentSessions& sessions_;
  const CallLedger& ledger_;
  const WrapUpEvents& events_;
  const CampaignProjectionStore& campaigns_;
  LeadWrapUp leads_;
  ServiceCallWrapUp service_calls_;
  CallStore calls_;
  OrderStore orders_;
  ContactsForwardingStore forwarding_;
  CustomerCallabilityStore customers_;
};

}  // namespace tmk::dialing
