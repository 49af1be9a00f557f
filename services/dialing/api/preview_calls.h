#pragma once
// Preview mode in the database (R17, R19): a READY agent is offered the campaign's next lead
// (the session RESERVED on the call id the lead will be dialed under, the lead held by a durable
// preview row), then dials it — the call placed with the agent already reserved and the attempt
// counted only now — or skips it with a reason (the lead back on its schedule with no attempt,
// stopped for review, or its number sent to list screening). Each step is one transaction of the
// caller's, so the agent, the lead and the call never disagree, also across a restart. A dial
// asks the DialGate first with the agent reserved (R10, R20: windows, caps and the customer's
// callability on the previewed number apply; only the abandon recall block lifts).
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/domain/preview_rules.h"
#include "services/dialing/runtime/dial_gate.h"
#include "services/dialing/store/contacts_forwarding_store.h"
#include "services/dialing/store/lead_store.h"
#include "services/dialing/store/preview_store.h"
#include "telemarketing/dialing/v1/call.pb.h"

namespace tmk::dialing {

// What dialing a preview did: placed the call, or — the gate refusing — gave the preview back,
// held its lead with the reason (like a refused hopper lead) and made the session READY again.
// Either commits with the caller's transaction.
struct PreviewDialing {
  std::optional<CallRow> call;
  std::optional<Blocked> refused;
};

class PreviewCalls {
 public:
  // `campaigns` and `region`: the gate's (the campaign's windows, the region's rules).
  PreviewCalls(const Clock& clock, AgentSessions& sessions, const CallLedger& ledger,
               const CampaignProjectionStore& campaigns, std::string region)
      : clock_(clock), sessions_(sessions), ledger_(ledger), gate_(campaigns, std::move(region)) {}

  // The campaign's next ready lead held for the READY session, which becomes RESERVED on the
  // preview; nothing when no lead is ready (the session is left as it was). `auto_dial_after`:
  // the campaign's preview_timeout (0: never).
  absl::StatusOr<std::optional<PreviewRow>> Offer(pqxx::work& tx,
                                                  const telemarketing::dialing::v1::AgentSession& s,
                                                  const std::string& campaign_id,
                                                  std::chrono::milliseconds auto_dial_after) const;

  // The session's preview (of `lead_id` when given) becomes a call: DIALING, origin PREVIEW, the
  // session's agent reserved on it, the attempt counted — unless the gate refuses it.
  // FAILED_PRECONDITION PREVIEW_NOT_HELD when the session holds no such preview.
  // `presented_number`: the campaign's caller id.
  absl::StatusOr<PreviewDialing> Dial(pqxx::work& tx, const std::string& session_id,
                                      const std::string& lead_id,
                                      const std::string& presented_number) const;

  // The session's preview of `lead_id` skipped for `reason` (EffectOfSkip); the session back to
  // READY. The lead after it.
  absl::StatusOr<LeadRow> Skip(pqxx::work& tx, const std::string& session_id,
                               const std::string& lead_id, SkipReason reason,
                               const std::string& note) const;

  // Previews whose session has gone (logged out) give their leads back; how many.
  int ReturnOrphans(pqxx::work& tx) const;

 private:
  absl::StatusOr<PreviewRow> Held(pqxx::work& tx, const std::string& session_id,
                                  const std::string& lead_id) const;

  const Clock& clock_;
  AgentSessions& sessions_;
  const CallLedger& ledger_;
  DialGate gate_;
  PreviewStore previews_;
  LeadStore leads_;
  ContactsForwardingStore forwards_;
};

}  // namespace tmk::dialing
