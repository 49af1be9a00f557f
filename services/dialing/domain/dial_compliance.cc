#include "services/dialing/domain/dial_compliance.h"

#include <algorithm>

#include "services/common/calendar/local_date_time.h"
#include "services/common/calendar/next_callable_time.h"

namespace tmk::dialing {

std::optional<Blocked> AbandonRecallBlock(const CustomerCallCounts& counts,
                                          std::chrono::milliseconds block, bool agent_reserved,
                                          TimePoint now) {
  // R20: a silent call is not followed by another unless an agent is already waiting for it.
  if (!counts.last_abandoned_time || agent_reserved) return std::nullopt;
  const TimePoint lifts = *counts.last_abandoned_time + block;
  if (now >= lifts) return std::nullopt;
  return Blocked{HopperBlockReason::kAbandonRecallBlock, lifts};
}

std::optional<Blocked> FrequencyCapBlock(const campaigns::FrequencyCap& cap,
                                         const CustomerCallCounts& n, TimePoint now) {
  auto reached = [](int count, int limit) { return limit > 0 && count >= limit; };
  // The counters are rolling totals: when one lifts depends on call times the caller keeps.
  if (reached(n.calls_last_day, cap.max_calls_per_day) ||
      reached(n.calls_last_week, cap.max_calls_per_week) ||
      reached(n.calls_last_30_days, cap.max_calls_per_30_days) ||
      reached(n.contacts_last_30_days, cap.max_contacts_per_30_days)) {
    return Blocked{HopperBlockReason::kFrequencyCap, std::nullopt};
  }
  if (cap.min_gap.count() > 0 && n.last_call_time && now < *n.last_call_time + cap.min_gap) {
    return Blocked{HopperBlockReason::kFrequencyCap, *n.last_call_time + cap.min_gap};
  }
  return std::nullopt;
}

HopperBlockReason ClosedWindowReason(const std::vector<calendar::CallingCalendar>& calendars,
                                     const absl::TimeZone& zone, TimePoint now) {
  const calendar::LocalDate today = calendar::ToLocalDateTime(now, zone).date;
  const bool holiday =
      std::any_of(calendars.begin(), calendars.end(), [&](const calendar::CallingCalendar& cal) {
        return calendar::FindHoliday(cal.holidays, today) != nullptr;
      });
  return holiday && calendar::CallableIntervals(calendars, today).empty()
             ? HopperBlockReason::kHoliday
             : HopperBlockReason::kOutsideCallingWindow;
}

DialVerdict CheckDialCompliance(const DialComplianceContext& c) {
  DialVerdict v;
  if (!c.customer.callable) v.blocked.push_back({c.customer.reason, std::nullopt});
  if (auto b = AbandonRecallBlock(c.counts, c.abandon_recall_block, c.agent_reserved, c.now)) {
    v.blocked.push_back(*b);
  }
  if (auto b = FrequencyCapBlock(c.frequency_cap, c.counts, c.now)) v.blocked.push_back(*b);
  // R10, R20: the customer's local time, never the dialer's.
  if (!c.zone) {
    v.blocked.push_back({HopperBlockReason::kOutsideCallingWindow, std::nullopt});
    return v;
  }
  const std::optional<TimePoint> open = calendar::NextCallableTime(c.calendars, *c.zone, c.now);
  if (open != c.now) v.blocked.push_back({ClosedWindowReason(c.calendars, *c.zone, c.now), open});
  return v;
}

const char* DescribeBlock(HopperBlockReason reason) {
  switch (reason) {
    case HopperBlockReason::kOutsideCallingWindow:
      return "outside the calling windows in the customer's local time";
    case HopperBlockReason::kHoliday:
      return "a public holiday";
    case HopperBlockReason::kFrequencyCap:
      return "the customer's frequency cap across campaigns is reached";
    case HopperBlockReason::kAbandonRecallBlock:
      return "the customer's last call was abandoned; only a call with an agent reserved may follow "
             "within the recall block";
    case HopperBlockReason::kDoNotCall:
      return "the customer or the number is on a do-not-call list";
    case HopperBlockReason::kNoConsent:
      return "the customer has not consented to calls for this purpose";
    case HopperBlockReason::kNoValidContactPoint:
      return "the customer has no callable number";
    default:
      return "not callable now";
  }
}

}  // namespace tmk::dialing
