#pragma once
// Manual dialing in the database (R17, R19, R20): a READY agent dials a customer of a campaign
// their session works, on a number of the customer's. Every rule an automatic dial obeys applies
// through the same DialGate — the calling windows in the customer's local time, the frequency
// caps across campaigns, contacts' callability of that very number (do-not-call, consent, list
// screening) — with the agent counted as reserved, so only the abandon recall block lifts. The
// customer's lead in the campaign is found or created (CustomerLeads) and its attempt counted
// (LeadScheduler::BeginAttempt); the session is RESERVED on the new call, stored DIALING with
// origin MANUAL and its CallCreated — all in the caller's transaction, so a refusal writes nothing.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/customer_leads.h"
#include "services/dialing/runtime/dial_gate.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/customer_call_store.h"
#include "services/dialing/store/customer_callability_store.h"

namespace tmk::dialing {

struct ManualDialOrder {
  std::string campaign_id;
  std::string customer_id;
  std::string contact_point_id;
};

class ManualDials {
 public:
  ManualDials(const Clock& clock, AgentSessions& sessions, const CallLedger& ledger,
              const CampaignProjectionStore& campaigns, std::string region)
      : clock_(clock), sessions_(sessions), ledger_(ledger), campaigns_(campaigns),
        gate_(campaigns, std::move(region)) {}

  // The call placed for `session` (the caller's own, as read). Refusals, each before anything
  // is written:
  //  PERMISSION_DENIED CAMPAIGN_NOT_ASSIGNED  the session does not work the campaign;
  //  NOT_FOUND CAMPAIGN_NOT_FOUND, FAILED_PRECONDITION CAMPAIGN_NOT_DIALING (not PILOT/ACTIVE);
  //  FAILED_PRECONDITION AGENT_NOT_READY      the agent is not READY;
  //  NOT_FOUND CUSTOMER_NOT_FOUND             dialing's contacts projection has no such customer;
  //  INVALID_ARGUMENT contact_point_id         not a phone of the customer;
  //  FAILED_PRECONDITION <gate reason>         DialGate::Refusal (OUTSIDE_CALLING_WINDOW, HOLIDAY,
  //                                            FREQUENCY_CAP, DO_NOT_CALL, NO_CONSENT,
  //                                            NO_VALID_CONTACT_POINT);
  //  FAILED_PRECONDITION LEAD_NOT_DIALABLE     the lead is closed or on another call.
  absl::StatusOr<CallRow> Place(pqxx::work& tx, const SessionRow& session,
                                const ManualDialOrder& order) const;

 private:
  // The campaign, when the session may dial it now.
  absl::Status CheckCampaign(pqxx::work& tx, const SessionRow& session,
                             const std::string& campaign_id) const;

  const Clock& clock_;
  AgentSessions& sessions_;
  const CallLedger& ledger_;
  const CampaignProjectionStore& campaigns_;
  DialGate gate_;
  CustomerLeads leads_;
  CustomerCallabilityStore customers_;
  CustomerCallStore customer_calls_;
  CampaignRuntimeStore runtimes_;
};

}  // namespace tmk::dialing
