#pragma once
// Whether the hopper may dial a lead now, and every reason why not (R2, R6, R10, R12, R17, R20):
// the lead's own reasons plus the customer's (DialCompliance, shared with agents' own dials);
// the hopper never runs dry while callable leads exist, and says why when none are. Pure: the
// caller brings the lead, the customer's facts from the contacts projection and the cross-campaign
// counters it keeps.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/campaigns/domain/calling_windows.h"
#include "services/common/calendar/calling_calendar.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/dial_compliance.h"
#include "services/dialing/domain/hopper_block_reason.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

struct EligibilityContext {
  TimePoint now;
  // The calendars that must all allow the call (campaigns::CallingCalendarsFor the customer's
  // kind), evaluated in `zone`: the customer's own, else the campaign's fallback
  // (calendar::ResolveTimeZone). No zone: the local time is unknowable and the lead waits (R10).
  std::vector<calendar::CallingCalendar> calendars;
  std::optional<absl::TimeZone> zone;
  CustomerCallability customer;
  CustomerCallCounts counts;
  campaigns::FrequencyCap frequency_cap;
  // R20: after an abandoned call, no new call within this unless an agent is reserved first.
  std::chrono::milliseconds abandon_recall_block = std::chrono::hours(72);
  // Preview or progressive dialing with an agent reserved before the call is placed.
  bool agent_reserved = false;
  // How long an AGENT_PREFERRED callback waits for its owner (the strategy's callback_grace).
  std::chrono::milliseconds callback_grace = std::chrono::hours(2);
  bool callback_owner_ready = false;  // the owning agent is logged in and can take it
};

struct Eligibility {
  // Every reason, the lead's first (the one the hopper counts it under) first; empty: dial now.
  std::vector<Blocked> blocked;
  // A due callback: served before other work (hopper ordering).
  bool callback_due = false;
  // Set when the lead may only go to this agent (a callback owned by them).
  std::string reserved_agent_id;

  // Now when eligible; else when every reason has lifted inside a calling window, none when a
  // reason has no known end (a closed lead, a frequency cap, an absent owner) or no window opens
  // within the calendar's horizon.
  std::optional<TimePoint> next_callable_time;

  bool eligible() const { return blocked.empty(); }
};

Eligibility EvaluateEligibility(const LeadFacts& lead, const EligibilityContext& context);

}  // namespace tmk::dialing
