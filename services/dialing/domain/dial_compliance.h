#pragma once
// Whether one customer may be dialed now, and every reason why not (R2, R6, R10, R20): the rules
// no dial may break, whoever places it — the pacing dialer taking a lead from the hopper, an
// agent's preview or manual dial. Lead-level reasons (cadence, retries, callbacks) are the
// hopper's (EvaluateEligibility); these are the customer's and the law's:
//  - contacts' callability (do-not-call, consent, a valid number), from the local projection;
//  - the abandon recall block: after a silent call, none again within the block (72 h) unless an
//    agent is reserved before the call is placed (preview or manual; never predictive);
//  - the frequency caps of the region across every campaign;
//  - the calling windows, in the customer's local time.
// Pure: the caller brings the facts.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/campaigns/domain/calling_windows.h"
#include "services/common/calendar/calling_calendar.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/hopper_block_reason.h"

namespace tmk::dialing {

// From the local projection of contacts events (R2, R6), not a gRPC call per lead.
struct CustomerCallability {
  bool callable = true;
  // DO_NOT_CALL, NO_CONSENT or NO_VALID_CONTACT_POINT when not callable.
  HopperBlockReason reason = HopperBlockReason::kUnspecified;
};

// Calls to the customer from every campaign of the region over rolling periods ending now (R20).
struct CustomerCallCounts {
  int calls_last_day = 0;
  int calls_last_week = 0;
  int calls_last_30_days = 0;
  int contacts_last_30_days = 0;
  std::optional<TimePoint> last_call_time;
  // The customer's last abandoned (silent) call, from any campaign.
  std::optional<TimePoint> last_abandoned_time;
};

struct Blocked {
  HopperBlockReason reason = HopperBlockReason::kUnspecified;
  // When this reason lifts, when known.
  std::optional<TimePoint> until;
};

struct DialComplianceContext {
  TimePoint now;
  // The calendars that must all allow the call, evaluated in `zone` (the customer's own, else the
  // campaign's fallback). No zone: the local time is unknowable and nobody is called (R10).
  std::vector<calendar::CallingCalendar> calendars;
  std::optional<absl::TimeZone> zone;
  CustomerCallability customer;
  CustomerCallCounts counts;
  campaigns::FrequencyCap frequency_cap;
  std::chrono::milliseconds abandon_recall_block = std::chrono::hours(72);
  // An agent is reserved for the call before it is placed (preview, manual).
  bool agent_reserved = false;
};

struct DialVerdict {
  // Every reason, in the order: callability, recall block, frequency cap, calling window. Empty:
  // the dial is allowed now.
  std::vector<Blocked> blocked;
  bool allowed() const { return blocked.empty(); }
};

DialVerdict CheckDialCompliance(const DialComplianceContext& context);

// The pieces, shared with the hopper's EvaluateEligibility so both judge alike.
std::optional<Blocked> AbandonRecallBlock(const CustomerCallCounts& counts,
                                          std::chrono::milliseconds block, bool agent_reserved,
                                          TimePoint now);
std::optional<Blocked> FrequencyCapBlock(const campaigns::FrequencyCap& cap,
                                         const CustomerCallCounts& counts, TimePoint now);
// HOLIDAY when a holiday closes every calendar today, else OUTSIDE_CALLING_WINDOW.
HopperBlockReason ClosedWindowReason(const std::vector<calendar::CallingCalendar>& calendars,
                                     const absl::TimeZone& zone, TimePoint now);

// A short English explanation of a reason, for logs and error details.
const char* DescribeBlock(HopperBlockReason reason);

}  // namespace tmk::dialing
