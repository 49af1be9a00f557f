#pragma once
// Calendar dates and holidays (R10): a holiday replaces the weekly windows on its date with its
// own callable ranges, none meaning no calls at all that day.
#include <string>
#include <string_view>
#include <vector>

#include "services/common/calendar/weekly_window.h"
#include "services/common/core/status_details.h"

namespace tmk::calendar {

struct LocalDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const LocalDate& a, const LocalDate& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

// A real Gregorian date in years 1970-9999 (leap years included).
bool IsValidDate(const LocalDate& date);
// The weekday of a valid date.
DayOfWeek DayOfWeekOf(const LocalDate& date);
// "YYYY-MM-DD".
std::string FormatDate(const LocalDate& date);

struct Holiday {
  LocalDate date;
  std::string display_name;
  std::vector<TimeOfDayRange> callable_ranges;
};

// Each holiday has a valid date not named twice in the list, a name of at most 200 bytes, and
// non-overlapping valid ranges. Violations on "<field>[i].date|display_name|callable_ranges[k]".
void CheckHolidays(const std::vector<Holiday>& holidays, std::string_view field,
                   Violations& violations);

// The holiday of `date` in the list, or null.
const Holiday* FindHoliday(const std::vector<Holiday>& holidays, const LocalDate& date);

}  // namespace tmk::calendar
