#pragma once
// Instants <-> a customer's local wall clock (R10): calling windows are local times, the dialer
// runs on instants. Zones come from the system tz database through absl::TimeZone, so daylight
// saving changes follow the zone's rules; tests may use fixed-offset zones and need no files.
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "services/common/calendar/holiday.h"
#include "services/common/calendar/weekly_window.h"
#include "services/common/core/clock.h"

namespace tmk::calendar {

struct LocalDateTime {
  LocalDate date;
  LocalTime time;  // hours 0-23
  int seconds = 0;
};

// What the zone's clocks show at `instant`.
LocalDateTime ToLocalDateTime(TimePoint instant, const absl::TimeZone& zone);

// The first instant at which the zone's clocks show `local` or later: a wall time skipped by a
// daylight-saving gap maps to the end of the gap, a repeated one to its first occurrence.
TimePoint FromLocalDateTime(const LocalDateTime& local, const absl::TimeZone& zone);

// The date `days` days after (or before, when negative) `date`.
LocalDate AddDays(const LocalDate& date, int days);

// The IANA zone `name`, else the `fallback` zone (a campaign's fallback for customers whose own
// zone is unknown, R10), else none: without a zone a customer's local time is unknowable and the
// customer must not be called.
std::optional<absl::TimeZone> ResolveTimeZone(const std::string& name,
                                              const std::string& fallback);

}  // namespace tmk::calendar
