#pragma once
// Applies a wrap-up to a lead (R2, R11-R13, R17, R20): the campaign's disposition decides the new
// state, next attempt, stop reason and counters, and the follow-up actions. Deterministic: the
// same lead, wrap-up and time always give the same decision, so a replayed wrap-up after a crash
// schedules exactly what the first one did.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/campaigns/domain/contact_strategy.h"
#include "services/campaigns/domain/disposition_rules.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_decision.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

struct CallbackRequest {
  TimePoint callback_time;
  CallbackOwnership ownership = CallbackOwnership::kUnspecified;  // unspecified: AGENT_PREFERRED
  std::string contact_point_id;  // empty: the one just dialed
};

// What the agent submitted beside the disposition code.
struct WrapUp {
  std::string agent_id;
  std::optional<CallbackRequest> callback;
  bool order_present = false;
  bool feedback_present = false;
};

class LeadScheduler {
 public:
  // The campaign's strategy, its missing rules and zero scalars taken from the R12/R13/R17
  // defaults (campaigns::WithDefaults), as campaigns documents them.
  explicit LeadScheduler(campaigns::ContactStrategy strategy);

  // A call is placed on the lead: IN_PROGRESS, one more attempt, counted before dialing so a
  // crashed dialer never loses it. FAILED_PRECONDITION (LEAD_NOT_DIALABLE) for a lead that is
  // closed or already in progress.
  absl::StatusOr<LeadFacts> BeginAttempt(LeadFacts lead, TimePoint now) const;

  // The lead after the wrap-up of its current call. Refusals:
  //  FAILED_PRECONDITION LEAD_NOT_IN_PROGRESS  no call to wrap up (e.g. a second wrap-up);
  //  FAILED_PRECONDITION NO_CADENCE_RULE        CADENCE for a class without a rule;
  //  INVALID_ARGUMENT with field violations     "disposition" (unknown effect), "order" (required
  //    by the disposition), "feedback" (required by the disposition or the class's cadence rule),
  //    "callback" (missing for CALLBACK, or given with another effect), "callback.callback_time"
  //    (not after now), "callback.contact_point_id" (not a dialable number of the customer).
  // Effects:
  //  RETRY     the outcome's retry rule: next attempt after retry_after, until the outcome has
  //            max_attempts attempts (then STOPPED MAX_ATTEMPTS; a rule-less outcome never
  //            retries).
  //  CADENCE   the new class's rule: stop_calling -> STOPPED DEFINITELY_NOT; contacts in class at
  //            max_contacts_in_class -> STOPPED MAX_CONTACTS; else next contact at a point in
  //            [interval, interval_max] chosen from a hash of lead id and attempt number.
  //  CALLBACK  CALLBACK at the customer's time, owned by the agent unless ANYONE (R17).
  //  STOP      STOPPED DISPOSITION.   ORDER  ORDERED, after-sale check after the strategy's delay
  //            owned by the agent (R13).   DO_NOT_CALL  STOPPED DO_NOT_CALL and a request (R6).
  //  NEXT_CONTACT_POINT  the next dialable number now, or STOPPED NO_VALID_CONTACT_POINT (R2).
  // A retry, cadence or next-number reschedule beyond the strategy's max_attempts is STOPPED
  // MAX_ATTEMPTS; a customer's own callback is honoured. Invalid-number and wrong-party outcomes
  // always mark the dialed number (R2); present feedback is always forwarded.
  absl::StatusOr<LeadDecision> ApplyDisposition(const LeadFacts& lead,
                                                const campaigns::Disposition& disposition,
                                                const WrapUp& wrap_up, TimePoint now) const;

  const campaigns::ContactStrategy& strategy() const { return strategy_; }

 private:
  campaigns::ContactStrategy strategy_;
};

}  // namespace tmk::dialing
