#pragma once
// Weekly time windows in local wall-clock time (R10, R20): the building block of campaign calling
// windows, the region's legal calling hours and holiday exceptions, shared by campaigns (which
// validates them) and dialing (which evaluates them in each customer's time zone). Ranges are
// half-open [start, end) within one day at minute precision; 24:00 may only end a range.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/core/status_details.h"

namespace tmk::calendar {

// Numeric values equal telemarketing.common.v1.DayOfWeek (ISO 8601 numbering).
enum class DayOfWeek {
  kUnspecified = 0,
  kMonday = 1,
  kTuesday = 2,
  kWednesday = 3,
  kThursday = 4,
  kFriday = 5,
  kSaturday = 6,
  kSunday = 7,
};

inline constexpr std::array<DayOfWeek, 7> kWeek = {
    DayOfWeek::kMonday,   DayOfWeek::kTuesday,  DayOfWeek::kWednesday, DayOfWeek::kThursday,
    DayOfWeek::kFriday,   DayOfWeek::kSaturday, DayOfWeek::kSunday};

// "Monday".."Sunday", or "day <n>" for a value outside the enum.
std::string DayName(DayOfWeek day);

struct LocalTime {
  int hours = 0;
  int minutes = 0;
};

struct TimeOfDayRange {
  LocalTime start;
  LocalTime end;
};

struct WeeklyWindow {
  std::vector<DayOfWeek> days;
  std::vector<TimeOfDayRange> ranges;
};

// Minutes since midnight (24:00 is 1440); meaningful only for valid times.
int MinuteOfDay(LocalTime time);
// Start 00:00-23:59, end 00:01-24:00, end after start.
bool IsValidRange(const TimeOfDayRange& range);
// "HH:MM".
std::string FormatTime(LocalTime time);
// "HH:MM-HH:MM".
std::string FormatRange(const TimeOfDayRange& range);

// Ranges of one day that must not overlap (a holiday's callable ranges): each start 00:00-23:59,
// each end 00:01-24:00 and after its start. Violations on "<field>[i].start|end".
void CheckDayRanges(const std::vector<TimeOfDayRange>& ranges, std::string_view field,
                    Violations& violations);

// Weekly windows that together must not overlap on any day (WeeklyWindow.ranges are
// "non-overlapping", and two entries naming the same day are one day's ranges too): each entry
// names at least one known day, no day twice, and at least one valid range. Violations on
// "<field>[i].days[j]" and "<field>[i].ranges[k].start|end"; an overlap is reported on the later
// range and names the earlier one.
void CheckWeeklyWindows(const std::vector<WeeklyWindow>& weekly, std::string_view field,
                        Violations& violations);

// The union of some weekly windows as merged, sorted minute intervals per day. Invalid ranges and
// unknown days are ignored, so build it from windows that passed CheckWeeklyWindows.
class WeekSchedule {
 public:
  struct Interval {
    int start = 0;  // minute of day, inclusive
    int end = 0;    // minute of day, exclusive
    friend bool operator==(const Interval& a, const Interval& b) {
      return a.start == b.start && a.end == b.end;
    }
  };

  static WeekSchedule Of(const std::vector<WeeklyWindow>& weekly);
  static WeekSchedule OfRanges(const std::vector<DayOfWeek>& days,
                               const std::vector<TimeOfDayRange>& ranges);

  const std::vector<Interval>& Day(DayOfWeek day) const;
  bool Contains(DayOfWeek day, int minute_of_day) const;
  // True when [range.start, range.end) lies wholly inside one interval of the day.
  bool Covers(DayOfWeek day, const TimeOfDayRange& range) const;
  // "08:00-12:00, 14:00-21:00", or "no hours".
  std::string Describe(DayOfWeek day) const;

  // This schedule cut down to `bounds`, as windows grouping the days whose ranges are equal.
  std::vector<WeeklyWindow> ClippedTo(const WeekSchedule& bounds) const;

 private:
  void Add(DayOfWeek day, int start, int end);
  void Merge();

  std::array<std::vector<Interval>, 7> days_;
};

// Merged minute intervals of ranges, ignoring invalid ones (see WeekSchedule).
std::vector<WeekSchedule::Interval> MergedIntervals(const std::vector<TimeOfDayRange>& ranges);
// True when [range.start, range.end) lies wholly inside one of the merged `intervals`.
bool IntervalsCover(const std::vector<WeekSchedule::Interval>& intervals,
                    const TimeOfDayRange& range);
// "08:00-12:00, 14:00-21:00", or "no hours".
std::string DescribeIntervals(const std::vector<WeekSchedule::Interval>& intervals);

}  // namespace tmk::calendar
