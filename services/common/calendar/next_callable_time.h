#pragma once
// The first moment a customer may be called (R10, R20), for the hopper's "next callable time" and
// for scheduling retries, cadence contacts and callbacks into the calling windows.
#include <chrono>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "services/common/calendar/calling_calendar.h"
#include "services/common/core/clock.h"

namespace tmk::calendar {

// Two weeks cover every weekly window plus a long holiday.
inline constexpr std::chrono::hours kDefaultCallableHorizon{24 * 14};

// The first instant >= `from` at which the clocks of `zone` show a time every calendar allows
// (CallableIntervals), or none within `horizon` of `from`. Evaluated on the local wall clock, so
// windows keep their local times across daylight-saving changes; a window starting inside a
// spring-forward gap opens at the end of the gap.
std::optional<TimePoint> NextCallableTime(const std::vector<CallingCalendar>& calendars,
                                          const absl::TimeZone& zone, TimePoint from,
                                          std::chrono::hours horizon = kDefaultCallableHorizon);

}  // namespace tmk::calendar
