#include "services/common/calendar/next_callable_time.h"

#include "services/common/calendar/local_date_time.h"

namespace tmk::calendar {

std::optional<TimePoint> NextCallableTime(const std::vector<CallingCalendar>& calendars,
                                          const absl::TimeZone& zone, TimePoint from,
                                          std::chrono::hours horizon) {
  const LocalDateTime now = ToLocalDateTime(from, zone);
  const int now_minute = MinuteOfDay(now.time);
  // One day more than the horizon: a zone's offset can put the horizon's end on the next date.
  const int days = static_cast<int>(horizon.count() / 24) + 1;
  for (int d = 0; d <= days; ++d) {
    const LocalDate date = AddDays(now.date, d);
    for (const WeekSchedule::Interval& i : CallableIntervals(calendars, date)) {
      if (d == 0 && i.end <= now_minute) continue;
      TimePoint start = d == 0 && i.start <= now_minute
                            ? from
                            : FromLocalDateTime({date, {i.start / 60, i.start % 60}, 0}, zone);
      // `from` in the second pass of an hour repeated when clocks go back: the start's first pass
      // is behind it, its second pass at `from`'s offset.
      if (start < from) {
        start = from + std::chrono::minutes(i.start - now_minute) -
                std::chrono::seconds(now.seconds);
      }
      if (start - from > horizon) return std::nullopt;
      // A daylight-saving gap can swallow the interval's start, or all of it.
      const LocalDateTime local = ToLocalDateTime(start, zone);
      if (IsCallableAt(calendars, local.date, local.time)) return start;
    }
  }
  return std::nullopt;
}

}  // namespace tmk::calendar
