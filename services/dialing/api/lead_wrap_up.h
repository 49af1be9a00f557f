#pragma once
// The lead's side of the end of a call (R2, R6, R11-R13, R17), for an agent's wrap-up and for
// calls no agent wraps up (busy, no answer, machine, abandoned, lost in a crash) alike: inside the
// caller's transaction it loads the lead with what the rules read (per-outcome attempt counts
// from the calls, the customer's phones from the contacts projection), asks the LeadScheduler,
// stores the lead, closes the callback the call served, creates the callbacks the decision
// schedules, and queues list screening and do-not-call requests for contacts
// (ContactsForwardingStore), so nothing of it can be lost between services.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/campaign_wrap_up_rules.h"
#include "services/dialing/domain/lead_scheduler.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/callback_store.h"
#include "services/dialing/store/contacts_forwarding_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/lead_store.h"
#include "telemarketing/dialing/v1/call.pb.h"
#include "telemarketing/dialing/v1/callback.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::dialing {

struct LeadWrapUpResult {
  LeadFacts before;
  LeadRow lead;  // as stored after the decision
  std::vector<telemarketing::dialing::v1::Callback> callbacks;  // created by it
  bool forward_feedback = false;
};

// CallDispositioned for a wrap-up's result: what the disposition did to the lead (R11, R12, R27);
// the caller adds the order, callback and wrap-up duration it knows of.
telemarketing::events::v1::CallDispositioned DescribeWrapUp(
    const LeadWrapUpResult& result, const campaigns::Disposition& disposition);

class LeadWrapUp {
 public:
  explicit LeadWrapUp(const Clock& clock) : clock_(clock) {}

  // `creator_id` is who the callbacks are recorded as created by ("dialer" or the agent's
  // subject). The scheduler's refusals (LEAD_NOT_IN_PROGRESS, field violations) pass through.
  absl::StatusOr<LeadWrapUpResult> Apply(pqxx::work& tx,
                                         const telemarketing::dialing::v1::Call& call,
                                         const CampaignWrapUpRules& rules,
                                         const campaigns::Disposition& disposition,
                                         const WrapUp& wrap_up,
                                         const std::string& creator_id) const;

 private:
  LeadFacts FactsOf(pqxx::work& tx, const LeadRow& row, const std::string& call_id) const;
  void CloseServedCallback(pqxx::work& tx, const std::string& lead_id,
                           const std::string& call_id) const;

  const Clock& clock_;
  LeadStore leads_;
  CallStore calls_;
  CallbackStore callbacks_;
  CustomerCallabilityStore customers_;
  ContactsForwardingStore forwarding_;
};

}  // namespace tmk::dialing
