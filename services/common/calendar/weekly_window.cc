#include "services/common/calendar/weekly_window.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tmk::calendar {
namespace {

// Bounds on list sizes keep validation cheap on hostile input; real schedules are far smaller.
constexpr size_t kMaxWindows = 50;
constexpr size_t kMaxRanges = 24;

bool KnownDay(DayOfWeek day) {
  return static_cast<int>(day) >= 1 && static_cast<int>(day) <= 7;
}

int DayIndex(DayOfWeek day) { return static_cast<int>(day) - 1; }

bool ValidStart(LocalTime t) {
  return t.hours >= 0 && t.hours <= 23 && t.minutes >= 0 && t.minutes <= 59;
}

bool ValidEnd(LocalTime t) {
  if (t.hours == 24) return t.minutes == 0;
  return ValidStart(t) && (t.hours > 0 || t.minutes > 0);
}

// Reports what is wrong with one range; true when it is valid.
bool CheckRange(const TimeOfDayRange& range, const std::string& field, Violations& v) {
  bool ok = true;
  if (!ValidStart(range.start)) {
    v.Add(field + ".start", "a start time is 00:00-23:59 (hours 0-23, minutes 0-59)");
    ok = false;
  }
  if (!ValidEnd(range.end)) {
    v.Add(field + ".end",
          "an end time is 00:01-24:00 (hours 0-24, minutes 0-59; 24 only as 24:00)");
    ok = false;
  }
  if (ok && MinuteOfDay(range.end) <= MinuteOfDay(range.start)) {
    v.Add(field + ".end", absl::StrCat("must be after the start ", FormatTime(range.start),
                                       " (ranges do not wrap past midnight: split them)"));
    ok = false;
  }
  return ok;
}

bool Overlap(const TimeOfDayRange& a, const TimeOfDayRange& b) {
  return MinuteOfDay(a.start) < MinuteOfDay(b.end) && MinuteOfDay(b.start) < MinuteOfDay(a.end);
}

}  // namespace

std::string DayName(DayOfWeek day) {
  static constexpr const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
  if (!KnownDay(day)) return absl::StrCat("day ", static_cast<int>(day));
  return kNames[DayIndex(day)];
}

int MinuteOfDay(LocalTime time) { return time.hours * 60 + time.minutes; }

bool IsValidRange(const TimeOfDayRange& r) {
  return ValidStart(r.start) && ValidEnd(r.end) && MinuteOfDay(r.end) > MinuteOfDay(r.start);
}

std::string FormatTime(LocalTime time) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", time.hours, time.minutes);
  return text;
}

std::string FormatRange(const TimeOfDayRange& range) {
  return absl::StrCat(FormatTime(range.start), "-", FormatTime(range.end));
}

void CheckDayRanges(const std::vector<TimeOfDayRange>& ranges, std::string_view field,
                    Violations& v) {
  const std::string base(field);
  if (ranges.size() > kMaxRanges) {
    v.Add(base, absl::StrCat("at most ", kMaxRanges, " ranges"));
    return;
  }
  std::vector<bool> valid;
  for (size_t i = 0; i < ranges.size(); ++i) {
    valid.push_back(CheckRange(ranges[i], absl::StrCat(base, "[", i, "]"), v));
  }
  for (size_t i = 0; i < ranges.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (valid[i] && valid[j] && Overlap(ranges[i], ranges[j])) {
        v.Add(absl::StrCat(base, "[", i, "]"),
              absl::StrCat(FormatRange(ranges[i]), " overlaps ", base, "[", j, "] (",
                           FormatRange(ranges[j]), ")"));
        break;
      }
    }
  }
}

void CheckWeeklyWindows(const std::vector<WeeklyWindow>& weekly, std::string_view field,
                        Violations& v) {
  const std::string base(field);
  if (weekly.size() > kMaxWindows) {
    v.Add(base, absl::StrCat("at most ", kMaxWindows, " weekly windows"));
    return;
  }
  struct Placed {
    size_t window;
    size_t range;
  };
  // The valid ranges of each day, in request order, for the overlap check.
  std::array<std::vector<Placed>, 7> by_day;
  for (size_t i = 0; i < weekly.size(); ++i) {
    const WeeklyWindow& w = weekly[i];
    const std::string at = absl::StrCat(base, "[", i, "]");
    if (w.days.empty()) v.Add(at + ".days", "at least one day of the week");
    std::set<int> seen;
    std::vector<DayOfWeek> days;
    for (size_t j = 0; j < w.days.size(); ++j) {
      if (!KnownDay(w.days[j])) {
        v.Add(absl::StrCat(at, ".days[", j, "]"), "unspecified or unknown day of the week");
      } else if (!seen.insert(static_cast<int>(w.days[j])).second) {
        v.Add(absl::StrCat(at, ".days[", j, "]"),
              absl::StrCat(DayName(w.days[j]), " is listed twice"));
      } else {
        days.push_back(w.days[j]);
      }
    }
    if (w.ranges.empty()) {
      v.Add(at + ".ranges", "at least one time range (leave the window out to allow no calls)");
    } else if (w.ranges.size() > kMaxRanges) {
      v.Add(at + ".ranges", absl::StrCat("at most ", kMaxRanges, " ranges"));
      continue;
    }
    for (size_t k = 0; k < w.ranges.size(); ++k) {
      if (!CheckRange(w.ranges[k], absl::StrCat(at, ".ranges[", k, "]"), v)) continue;
      for (DayOfWeek day : days) by_day[DayIndex(day)].push_back({i, k});
    }
  }
  // One report per overlapping pair, on the later range, naming the first day they share.
  std::set<std::pair<std::pair<size_t, size_t>, std::pair<size_t, size_t>>> reported;
  for (DayOfWeek day : kWeek) {
    const std::vector<Placed>& placed = by_day[DayIndex(day)];
    for (size_t b = 0; b < placed.size(); ++b) {
      for (size_t a = 0; a < b; ++a) {
        const TimeOfDayRange& ra = weekly[placed[a].window].ranges[placed[a].range];
        const TimeOfDayRange& rb = weekly[placed[b].window].ranges[placed[b].range];
        if (!Overlap(ra, rb)) continue;
        auto key = std::make_pair(std::make_pair(placed[a].window, placed[a].range),
                                  std::make_pair(placed[b].window, placed[b].range));
        if (!reported.insert(key).second) continue;
        v.Add(absl::StrCat(base, "[", placed[b].window, "].ranges[", placed[b].range, "]"),
              absl::StrCat(FormatRange(rb), " overlaps ", base, "[", placed[a].window,
                           "].ranges[", placed[a].range, "] (", FormatRange(ra), ") on ",
                           DayName(day)));
      }
    }
  }
}

WeekSchedule WeekSchedule::Of(const std::vector<WeeklyWindow>& weekly) {
  WeekSchedule schedule;
  for (const WeeklyWindow& w : weekly) {
    for (DayOfWeek day : w.days) {
      if (!KnownDay(day)) continue;
      for (const TimeOfDayRange& r : w.ranges) {
        if (IsValidRange(r)) schedule.Add(day, MinuteOfDay(r.start), MinuteOfDay(r.end));
      }
    }
  }
  schedule.Merge();
  return schedule;
}

WeekSchedule WeekSchedule::OfRanges(const std::vector<DayOfWeek>& days,
                                    const std::vector<TimeOfDayRange>& ranges) {
  return Of({WeeklyWindow{days, ranges}});
}

void WeekSchedule::Add(DayOfWeek day, int start, int end) {
  days_[DayIndex(day)].push_back({start, end});
}

void WeekSchedule::Merge() {
  for (std::vector<Interval>& day : days_) {
    std::sort(day.begin(), day.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    std::vector<Interval> merged;
    for (const Interval& i : day) {
      // Touching intervals join: [08:00, 12:00) and [12:00, 21:00) allow 08:00-21:00.
      if (!merged.empty() && i.start <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, i.end);
      } else {
        merged.push_back(i);
      }
    }
    day = std::move(merged);
  }
}

const std::vector<WeekSchedule::Interval>& WeekSchedule::Day(DayOfWeek day) const {
  static const std::vector<Interval> kNone;
  return KnownDay(day) ? days_[DayIndex(day)] : kNone;
}

bool WeekSchedule::Contains(DayOfWeek day, int minute_of_day) const {
  for (const Interval& i : Day(day)) {
    if (i.start <= minute_of_day && minute_of_day < i.end) return true;
  }
  return false;
}

bool WeekSchedule::Covers(DayOfWeek day, const TimeOfDayRange& range) const {
  return IntervalsCover(Day(day), range);
}

std::string WeekSchedule::Describe(DayOfWeek day) const { return DescribeIntervals(Day(day)); }

std::vector<WeeklyWindow> WeekSchedule::ClippedTo(const WeekSchedule& bounds) const {
  // Days with equal clipped ranges share one window, in the order of their first day.
  std::vector<std::pair<std::vector<Interval>, std::vector<DayOfWeek>>> groups;
  for (DayOfWeek day : kWeek) {
    std::vector<Interval> clipped;
    for (const Interval& a : Day(day)) {
      for (const Interval& b : bounds.Day(day)) {
        int start = std::max(a.start, b.start), end = std::min(a.end, b.end);
        if (start < end) clipped.push_back({start, end});
      }
    }
    if (clipped.empty()) continue;
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.first == clipped; });
    if (group == groups.end()) {
      groups.push_back({clipped, {day}});
    } else {
      group->second.push_back(day);
    }
  }
  std::vector<WeeklyWindow> windows;
  for (const auto& [intervals, days] : groups) {
    WeeklyWindow w;
    w.days = days;
    for (const Interval& i : intervals) {
      w.ranges.push_back({{i.start / 60, i.start % 60}, {i.end / 60, i.end % 60}});
    }
    windows.push_back(std::move(w));
  }
  return windows;
}

std::vector<WeekSchedule::Interval> MergedIntervals(const std::vector<TimeOfDayRange>& ranges) {
  return WeekSchedule::OfRanges({DayOfWeek::kMonday}, ranges).Day(DayOfWeek::kMonday);
}

bool IntervalsCover(const std::vector<WeekSchedule::Interval>& intervals,
                    const TimeOfDayRange& range) {
  int start = MinuteOfDay(range.start), end = MinuteOfDay(range.end);
  for (const WeekSchedule::Interval& i : intervals) {
    if (i.start <= start && end <= i.end) return true;
  }
  return false;
}

std::string DescribeIntervals(const std::vector<WeekSchedule::Interval>& intervals) {
  if (intervals.empty()) return "no hours";
  std::string out;
  for (const WeekSchedule::Interval& i : intervals) {
    if (!out.empty()) out += ", ";
    absl::StrAppend(&out, FormatRange({{i.start / 60, i.start % 60}, {i.end / 60, i.end % 60}}));
  }
  return out;
}

}  // namespace tmk::calendar
