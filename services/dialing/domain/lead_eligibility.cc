#include "services/dialing/domain/lead_eligibility.h"

#include <algorithm>

#include "services/common/calendar/next_callable_time.h"

namespace tmk::dialing {
namespace {

bool IsClosed(LeadState state) {
  return state == LeadState::kOrdered || state == LeadState::kStopped;
}

HopperBlockReason NotDueReason(const LeadFacts& lead) {
  if (lead.state == LeadState::kCallback) return HopperBlockReason::kCallbackNotDue;
  return campaigns::IsConversation(lead.last_outcome) ? HopperBlockReason::kCadenceNotDue
                                                       : HopperBlockReason::kRetryNotDue;
}

// R17: AGENT_ONLY waits for its owner; AGENT_PREFERRED waits for the owner until the grace has
// passed, then goes to anyone.
void CheckCallbackOwner(const LeadFacts& lead, const EligibilityContext& c, Eligibility& e) {
  if (lead.state != LeadState::kCallback || lead.callback_owner_agent_id.empty()) return;
  const bool preferred = lead.callback_ownership == CallbackOwnership::kAgentPreferred;
  if (!preferred && lead.callback_ownership != CallbackOwnership::kAgentOnly) return;
  const std::optional<TimePoint> grace_end =
      preferred && lead.next_attempt_time
          ? std::optional<TimePoint>(*lead.next_attempt_time + c.callback_grace)
          : std::nullopt;
  if (grace_end && c.now >= *grace_end) return;
  if (c.callback_owner_ready) {
    e.reserved_agent_id = lead.callback_owner_agent_id;
  } else {
    e.blocked.push_back({HopperBlockReason::kCallbackOwnerAbsent, grace_end});
  }
}

}  // namespace

Eligibility EvaluateEligibility(const LeadFacts& lead, const EligibilityContext& c) {
  Eligibility e;
  if (IsClosed(lead.state)) {
    e.blocked.push_back({HopperBlockReason::kLeadClosed, std::nullopt});
    return e;
  }
  if (lead.state == LeadState::kInProgress) {
    e.blocked.push_back({HopperBlockReason::kInProgress, std::nullopt});
    return e;
  }
  if (!c.customer.callable) e.blocked.push_back({c.customer.reason, std::nullopt});
  if (lead.next_attempt_time && c.now < *lead.next_attempt_time) {
    e.blocked.push_back({NotDueReason(lead), lead.next_attempt_time});
  }
  e.callback_due = lead.state == LeadState::kCallback && !(lead.next_attempt_time &&
                                                           c.now < *lead.next_attempt_time);
  CheckCallbackOwner(lead, c, e);
  if (auto b = AbandonRecallBlock(c.counts, c.abandon_recall_block, c.agent_reserved, c.now)) {
    e.blocked.push_back(*b);
  }
  if (auto b = FrequencyCapBlock(c.frequency_cap, c.counts, c.now)) e.blocked.push_back(*b);

  // The calling window last (R10, R20): it is evaluated once the other reasons have lifted.
  bool known_end = true;
  TimePoint ready = c.now;
  for (const Blocked& b : e.blocked) {
    if (!b.until) known_end = false;
    if (b.until) ready = std::max(ready, *b.until);
  }
  if (!c.zone) {
    e.blocked.push_back({HopperBlockReason::kOutsideCallingWindow, std::nullopt});
    return e;
  }
  const std::optional<TimePoint> open_now = calendar::NextCallableTime(c.calendars, *c.zone,
                                                                       c.now);
  const std::optional<TimePoint> open_when_ready =
      ready == c.now ? open_now : calendar::NextCallableTime(c.calendars, *c.zone, ready);
  if (open_now != c.now) {
    e.blocked.push_back({ClosedWindowReason(c.calendars, *c.zone, c.now), open_now});
  }
  if (known_end) e.next_callable_time = open_when_ready;
  return e;
}

}  // namespace tmk::dialing
