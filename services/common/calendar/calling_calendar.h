#pragma once
// When calling is allowed on a local date (R10, R20): weekly windows with holiday exceptions, and
// the conjunction of several such calendars — the region's legal bounds with its holidays and a
// campaign's windows with its own holidays must all allow a call. Campaigns and dialing evaluate
// the very same rule.
#include <vector>

#include "services/common/calendar/holiday.h"
#include "services/common/calendar/weekly_window.h"

namespace tmk::calendar {

// Weekly windows whose date-specific exceptions are the holidays.
struct CallingCalendar {
  std::vector<WeeklyWindow> weekly;
  std::vector<Holiday> holidays;
};

// The merged minute intervals callable on `date` under every calendar: a holiday on that date
// replaces its calendar's weekly windows with the holiday's own ranges (none: not callable),
// otherwise the weekday's ranges apply. No calendars, or an invalid date, allow nothing — never
// calling is the safe reading of a missing rule (R20).
std::vector<WeekSchedule::Interval> CallableIntervals(const std::vector<CallingCalendar>& calendars,
                                                      const LocalDate& date);

// Whether `time` on `date` (local wall clock) falls in every calendar.
bool IsCallableAt(const std::vector<CallingCalendar>& calendars, const LocalDate& date,
                  LocalTime time);
// The same for one calendar given as its parts.
bool IsCallableAt(const std::vector<WeeklyWindow>& weekly, const std::vector<Holiday>& holidays,
                  const LocalDate& date, LocalTime time);

}  // namespace tmk::calendar
