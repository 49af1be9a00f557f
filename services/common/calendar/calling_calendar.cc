#include "services/common/calendar/calling_calendar.h"

#include <algorithm>

namespace tmk::calendar {
namespace {

std::vector<WeekSchedule::Interval> DayIntervals(const CallingCalendar& calendar,
                                                 const LocalDate& date) {
  if (const Holiday* holiday = FindHoliday(calendar.holidays, date)) {
    return MergedIntervals(holiday->callable_ranges);
  }
  return WeekSchedule::Of(calendar.weekly).Day(DayOfWeekOf(date));
}

// Both lists are merged and sorted, so their intersection is too.
std::vector<WeekSchedule::Interval> Intersect(const std::vector<WeekSchedule::Interval>& a,
                                              const std::vector<WeekSchedule::Interval>& b) {
  std::vector<WeekSchedule::Interval> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int start = std::max(a[i].start, b[j].start), end = std::min(a[i].end, b[j].end);
    if (start < end) out.push_back({start, end});
    (a[i].end < b[j].end) ? ++i : ++j;
  }
  return out;
}

}  // namespace

std::vector<WeekSchedule::Interval> CallableIntervals(const std::vector<CallingCalendar>& calendars,
                                                      const LocalDate& date) {
  if (calendars.empty() || !IsValidDate(date)) return {};
  std::vector<WeekSchedule::Interval> allowed = DayIntervals(calendars.front(), date);
  for (size_t c = 1; c < calendars.size() && !allowed.empty(); ++c) {
    allowed = Intersect(allowed, DayIntervals(calendars[c], date));
  }
  return allowed;
}

bool IsCallableAt(const std::vector<CallingCalendar>& calendars, const LocalDate& date,
                  LocalTime time) {
  const int minute = MinuteOfDay(time);
  for (const WeekSchedule::Interval& i : CallableIntervals(calendars, date)) {
    if (i.start <= minute && minute < i.end) return true;
  }
  return false;
}

bool IsCallableAt(const std::vector<WeeklyWindow>& weekly, const std::vector<Holiday>& holidays,
                  const LocalDate& date, LocalTime time) {
  return IsCallableAt({CallingCalendar{weekly, holidays}}, date, time);
}

}  // namespace tmk::calendar
