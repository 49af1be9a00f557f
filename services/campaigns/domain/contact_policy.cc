#include "services/campaigns/domain/contact_policy.h"

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {

using calendar::DayOfWeek;
using calendar::Holiday;
using calendar::TimeOfDayRange;
using calendar::WeekSchedule;

namespace {

constexpr std::chrono::milliseconds kMaxMinGap = std::chrono::hours(24 * 30);

void CheckCap(const FrequencyCap& cap, const std::string& field, Violations& v) {
  struct Count {
    const char* name;
    int value;
  };
  for (const Count& c : {Count{"max_calls_per_day", cap.max_calls_per_day},
                         Count{"max_calls_per_week", cap.max_calls_per_week},
                         Count{"max_calls_per_30_days", cap.max_calls_per_30_days},
                         Count{"max_contacts_per_30_days", cap.max_contacts_per_30_days}}) {
    if (c.value < 0) v.Add(absl::StrCat(field, ".", c.name), "must not be negative (0: no limit)");
  }
  if (cap.max_calls_per_day > 0 && cap.max_calls_per_week > 0 &&
      cap.max_calls_per_day > cap.max_calls_per_week) {
    v.Add(field + ".max_calls_per_day", "must not exceed max_calls_per_week");
  }
  if (cap.max_calls_per_week > 0 && cap.max_calls_per_30_days > 0 &&
      cap.max_calls_per_week > cap.max_calls_per_30_days) {
    v.Add(field + ".max_calls_per_week", "must not exceed max_calls_per_30_days");
  }
  if (cap.max_contacts_per_30_days > 0 && cap.max_calls_per_30_days > 0 &&
      cap.max_contacts_per_30_days > cap.max_calls_per_30_days) {
    v.Add(field + ".max_contacts_per_30_days",
          "must not exceed max_calls_per_30_days (every contact is a call)");
  }
  if (cap.min_gap.count() < 0) {
    v.Add(field + ".min_gap", "must not be negative");
  } else if (cap.min_gap > kMaxMinGap) {
    v.Add(field + ".min_gap", "at most 30 days");
  }
}

}  // namespace

ContactPolicy DefaultContactPolicy() {
  ContactPolicy policy;
  policy.legal_bounds = DefaultLegalBounds();
  return WithPolicyDefaults(std::move(policy));
}

void CheckContactPolicy(const ContactPolicy& policy, std::string_view field, Violations& v) {
  const std::string base(field);
  if (policy.legal_bounds.empty()) {
    v.Add(base + ".legal_bounds",
          "at least one weekly window: the hours calls are legal in (pause campaigns to stop "
          "calling)");
  }
  CheckWeeklyWindows(policy.legal_bounds, base + ".legal_bounds", v);
  CheckHolidays(policy.holidays, base + ".holidays", v);
  const WeekSchedule legal = WeekSchedule::Of(policy.legal_bounds);
  for (size_t h = 0; h < policy.holidays.size(); ++h) {
    const Holiday& holiday = policy.holidays[h];
    if (!IsValidDate(holiday.date)) continue;
    DayOfWeek day = DayOfWeekOf(holiday.date);
    for (size_t k = 0; k < holiday.callable_ranges.size(); ++k) {
      const TimeOfDayRange& range = holiday.callable_ranges[k];
      if (!IsValidRange(range) || legal.Covers(day, range)) continue;
      v.Add(absl::StrCat(base, ".holidays[", h, "].callable_ranges[", k, "]"),
            absl::StrCat(FormatRange(range), " is outside the legal calling hours of ",
                         FormatDate(holiday.date), ", a ", DayName(day), " (",
                         legal.Describe(day), ")"));
    }
  }
  CheckCap(policy.frequency_cap, base + ".frequency_cap", v);
  CheckKindWindows(policy.default_windows, base + ".default_windows", v);
  // The defaults are campaign windows in waiting: the same containment applies.
  CheckKindWindowsWithin(policy.default_windows, legal, base + ".default_windows", v);
}

ContactPolicy WithPolicyDefaults(ContactPolicy policy) {
  const WeekSchedule legal = WeekSchedule::Of(policy.legal_bounds);
  for (CustomerKindWindow& w : policy.default_windows) {
    w.weekly = WeekSchedule::Of(w.weekly).ClippedTo(legal);
  }
  for (const CustomerKindWindow& builtin : DefaultCustomerWindows()) {
    bool present = false;
    for (const CustomerKindWindow& w : policy.default_windows) {
      present = present || w.customer_kind == builtin.customer_kind;
    }
    if (present) continue;
    policy.default_windows.push_back(
        {builtin.customer_kind, WeekSchedule::Of(builtin.weekly).ClippedTo(legal)});
  }
  return policy;
}

}  // namespace tmk::campaigns
