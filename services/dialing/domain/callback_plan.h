#pragma once
// Callbacks at the time the customer asked for (R10, R17, R20): what a requested callback must
// satisfy, and what it does to its lead. Pure; CallbackApi brings the lead, the campaign's
// calendars and the customer's zone.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/calendar/calling_calendar.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

struct CallbackPlan {
  CallbackKind kind = CallbackKind::kCustomerRequested;
  TimePoint callback_time;
  CallbackOwnership ownership = CallbackOwnership::kAgentPreferred;
  std::string owner_agent_id;  // required unless ownership is ANYONE, which must leave it empty
};

// Field violations under `field` (e.g. "callback"): "<field>.callback_time" not after now (a
// callback in the past can never be kept), "<field>.owner_agent_id" missing for an owned callback
// or given for ANYONE, "<field>.kind" / "<field>.ownership" unknown.
void CheckCallbackPlan(const CallbackPlan& plan, TimePoint now, std::string_view field,
                       Violations& violations);

// FAILED_PRECONDITION OUTSIDE_CALLING_WINDOW when no calendar allows a call at `time` in the
// customer's zone (no zone: the local time is unknowable, so never), naming the next opening.
absl::Status CheckInsideCallingWindows(TimePoint time,
                                       const std::vector<calendar::CallingCalendar>& calendars,
                                       const std::optional<absl::TimeZone>& zone);

// The lead waiting for the callback: CALLBACK at its time, owned as planned. FAILED_PRECONDITION
// LEAD_CLOSED for an ORDERED or STOPPED lead, LEAD_IN_PROGRESS while a call is on it.
absl::StatusOr<LeadFacts> AwaitCallback(LeadFacts lead, const CallbackPlan& plan);

// The lead after its callback is cancelled: back in the schedule from now (NEW when never
// attempted), with no owner. A lead no longer waiting for a callback is returned unchanged.
LeadFacts DropCallback(LeadFacts lead, TimePoint now);

}  // namespace tmk::dialing
