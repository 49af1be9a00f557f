#include "services/common/calendar/holiday.h"

#include <cstdio>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace tmk::calendar {
namespace {

constexpr size_t kMaxHolidays = 400;  // more than a year of dates
constexpr size_t kMaxDisplayName = 200;

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
// date algorithms"); C++17 has no calendar types.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

bool IsValidDate(const LocalDate& date) {
  return date.year >= 1970 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

DayOfWeek DayOfWeekOf(const LocalDate& date) {
  // 1970-01-01 was a Thursday (ISO 4).
  long days = DaysFromCivil(date.year, date.month, date.day);
  long iso = ((days % 7 + 7) % 7 + 3) % 7 + 1;
  return static_cast<DayOfWeek>(iso);
}

std::string FormatDate(const LocalDate& date) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

void CheckHolidays(const std::vector<Holiday>& holidays, std::string_view field, Violations& v) {
  const std::string base(field);
  if (holidays.size() > kMaxHolidays) {
    v.Add(base, absl::StrCat("at most ", kMaxHolidays, " holidays"));
    return;
  }
  std::set<std::tuple<int, int, int>> dates;
  for (size_t i = 0; i < holidays.size(); ++i) {
    const Holiday& h = holidays[i];
    const std::string at = absl::StrCat(base, "[", i, "]");
    if (!IsValidDate(h.date)) {
      v.Add(at + ".date", absl::StrCat(FormatDate(h.date),
                                       " is not a calendar date in the years 1970-9999"));
    } else if (!dates.insert({h.date.year, h.date.month, h.date.day}).second) {
      v.Add(at + ".date", absl::StrCat(FormatDate(h.date),
                                       " is listed twice; give the day one entry"));
    }
    if (h.display_name.size() > kMaxDisplayName) {
      v.Add(at + ".display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
    }
    CheckDayRanges(h.callable_ranges, at + ".callable_ranges", v);
  }
}

const Holiday* FindHoliday(const std::vector<Holiday>& holidays, const LocalDate& date) {
  for (const Holiday& h : holidays) {
    if (h.date == date) return &h;
  }
  return nullptr;
}

}  // namespace tmk::calendar
