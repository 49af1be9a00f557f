#include "services/campaigns/domain/calling_windows.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {

using calendar::DayOfWeek;
using calendar::Holiday;
using calendar::kWeek;
using calendar::LocalDate;
using calendar::LocalTime;
using calendar::TimeOfDayRange;
using calendar::WeeklyWindow;
using calendar::WeekSchedule;

namespace {

constexpr size_t kMaxTimeZoneName = 64;

const std::vector<DayOfWeek> kWeekdays = {DayOfWeek::kMonday, DayOfWeek::kTuesday,
                                          DayOfWeek::kWednesday, DayOfWeek::kThursday,
                                          DayOfWeek::kFriday};
const std::vector<DayOfWeek> kWeekend = {DayOfWeek::kSaturday, DayOfWeek::kSunday};

TimeOfDayRange Range(int start_h, int start_m, int end_h, int end_m) {
  return {{start_h, start_m}, {end_h, end_m}};
}

const CustomerKindWindow* FindKind(const std::vector<CustomerKindWindow>& windows,
                                   CustomerKind kind) {
  for (const CustomerKindWindow& w : windows) {
    if (w.customer_kind == kind) return &w;
  }
  return nullptr;
}

}  // namespace

std::vector<CustomerKindWindow> DefaultCustomerWindows() {
  return {
      {CustomerKind::kB2c,
       {{kWeekdays, {Range(18, 30, 21, 0)}}, {kWeekend, {Range(10, 0, 20, 0)}}}},
      {CustomerKind::kB2b, {{kWeekdays, {Range(9, 0, 12, 0), Range(14, 0, 17, 30)}}}},
  };
}

std::vector<WeeklyWindow> DefaultLegalBounds() {
  return {{{kWeek.begin(), kWeek.end()}, {Range(8, 0, 21, 0)}}};
}

void CheckKindWindows(const std::vector<CustomerKindWindow>& windows, std::string_view field,
                      Violations& v) {
  const std::string base(field);
  std::map<CustomerKind, size_t> first;
  for (size_t i = 0; i < windows.size(); ++i) {
    const std::string at = absl::StrCat(base, "[", i, "]");
    CustomerKind kind = windows[i].customer_kind;
    if (!IsKnown(kind)) {
      v.Add(at + ".customer_kind", "unspecified or unknown customer kind; use B2C or B2B");
    } else if (auto [it, added] = first.emplace(kind, i); !added) {
      v.Add(at + ".customer_kind", absl::StrCat(Name(kind), " already has windows in ", base, "[",
                                                it->second, "]"));
    }
    CheckWeeklyWindows(windows[i].weekly, at + ".weekly", v);
  }
}

void CheckKindWindowsWithin(const std::vector<CustomerKindWindow>& windows,
                            const WeekSchedule& legal, std::string_view field, Violations& v) {
  const std::string base(field);
  for (size_t i = 0; i < windows.size(); ++i) {
    const std::vector<WeeklyWindow>& weekly = windows[i].weekly;
    for (size_t j = 0; j < weekly.size(); ++j) {
      for (size_t k = 0; k < weekly[j].ranges.size(); ++k) {
        const TimeOfDayRange& range = weekly[j].ranges[k];
        if (!IsValidRange(range)) continue;
        for (DayOfWeek day : weekly[j].days) {
          if (static_cast<int>(day) < 1 || static_cast<int>(day) > 7) continue;
          if (legal.Covers(day, range)) continue;
          v.Add(absl::StrCat(base, "[", i, "].weekly[", j, "].ranges[", k, "]"),
                absl::StrCat(FormatRange(range), " is outside the region's legal calling hours on ",
                             DayName(day), " (", legal.Describe(day), ")"));
          break;
        }
      }
    }
  }
}

void CheckWithinLegalBounds(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                            std::string_view field, Violations& v) {
  const std::string base(field);
  const WeekSchedule legal = WeekSchedule::Of(policy.legal_bounds);
  CheckKindWindowsWithin(windows.windows, legal, base + ".windows", v);
  for (size_t h = 0; h < windows.holidays.size(); ++h) {
    const Holiday& holiday = windows.holidays[h];
    if (!IsValidDate(holiday.date)) continue;
    const Holiday* regional = FindHoliday(policy.holidays, holiday.date);
    const std::vector<WeekSchedule::Interval> allowed =
        regional ? MergedIntervals(regional->callable_ranges)
                 : legal.Day(DayOfWeekOf(holiday.date));
    for (size_t k = 0; k < holiday.callable_ranges.size(); ++k) {
      const TimeOfDayRange& range = holiday.callable_ranges[k];
      if (!IsValidRange(range) || IntervalsCover(allowed, range)) continue;
      v.Add(absl::StrCat(base, ".holidays[", h, "].callable_ranges[", k, "]"),
            absl::StrCat(FormatRange(range), " is outside what is legal on ",
                         FormatDate(holiday.date), regional ? " (a region holiday: " : " (",
                         DescribeIntervals(allowed), ")"));
    }
  }
}

void CheckCallingWindows(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                         const TimeZoneKnown& time_zone_known, std::string_view field,
                         Violations& v) {
  const std::string base(field);
  CheckKindWindows(windows.windows, base + ".windows", v);
  const std::string& zone = windows.fallback_time_zone;
  if (!zone.empty() && (zone.size() > kMaxTimeZoneName || !time_zone_known(zone))) {
    v.Add(base + ".fallback_time_zone",
          absl::StrCat("'", zone.substr(0, kMaxTimeZoneName),
                       "' is not an IANA time zone name, e.g. Asia/Shanghai"));
  }
  CheckHolidays(windows.holidays, base + ".holidays", v);
  CheckWithinLegalBounds(windows, policy, base, v);
}

CampaignCallingWindows WithWindowDefaults(CampaignCallingWindows windows,
                                          const ContactPolicy& policy) {
  for (CustomerKind kind : {CustomerKind::kB2c, CustomerKind::kB2b}) {
    if (FindKind(windows.windows, kind)) continue;
    const CustomerKindWindow* fallback = FindKind(policy.default_windows, kind);
    windows.windows.push_back(fallback ? *fallback : CustomerKindWindow{kind, {}});
  }
  return windows;
}

bool IsDialable(const CampaignCallingWindows& windows) {
  if (windows.fallback_time_zone.empty()) return false;
  for (const CustomerKindWindow& w : windows.windows) {
    for (const WeeklyWindow& weekly : w.weekly) {
      if (!weekly.days.empty() && !weekly.ranges.empty()) return true;
    }
  }
  return false;
}

std::vector<calendar::CallingCalendar> CallingCalendarsFor(const CampaignCallingWindows& windows,
                                                           const ContactPolicy& policy,
                                                           CustomerKind kind) {
  std::vector<calendar::CallingCalendar> calendars = {{policy.legal_bounds, policy.holidays}};
  auto add = [&](const CustomerKindWindow* w) {
    calendars.push_back({w ? w->weekly : std::vector<WeeklyWindow>{}, windows.holidays});
  };
  if (IsKnown(kind)) {
    add(FindKind(windows.windows, kind));
  } else if (windows.windows.empty()) {
    add(nullptr);
  } else {
    for (const CustomerKindWindow& w : windows.windows) add(&w);
  }
  return calendars;
}

bool IsCampaignCallableAt(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                          CustomerKind kind, const LocalDate& date, LocalTime time) {
  return calendar::IsCallableAt(CallingCalendarsFor(windows, policy, kind), date, time);
}

}  // namespace tmk::campaigns
