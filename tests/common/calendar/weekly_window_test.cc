// Weekly windows (R10, R20): every malformed range, day and overlap is reported with its field
// path; schedules merge, contain and clip as the calling-window rules need.
#include "services/common/calendar/weekly_window.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/calendar/holiday.h"

namespace tmk::calendar {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr DayOfWeek kMon = DayOfWeek::kMonday;
constexpr DayOfWeek kTue = DayOfWeek::kTuesday;
constexpr DayOfWeek kSat = DayOfWeek::kSaturday;
constexpr DayOfWeek kSun = DayOfWeek::kSunday;

TimeOfDayRange R(int sh, int sm, int eh, int em) { return {{sh, sm}, {eh, em}}; }

std::vector<std::string> Fields(const Violations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

std::vector<std::string> WeeklyFields(const std::vector<WeeklyWindow>& weekly) {
  Violations v;
  CheckWeeklyWindows(weekly, "w", v);
  return Fields(v);
}

TEST(WeeklyWindowTest, AcceptsTheR10Defaults) {
  EXPECT_THAT(WeeklyFields({{{kMon, kTue}, {R(9, 0, 12, 0), R(14, 0, 17, 30)}},
                            {{kSat, kSun}, {R(10, 0, 20, 0)}}}),
              IsEmpty());
}

TEST(WeeklyWindowTest, AcceptsMidnightAsTheEndAndTouchingRanges) {
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(0, 0, 12, 0), R(12, 0, 24, 0)}}}), IsEmpty());
}

TEST(WeeklyWindowTest, RefusesTimesOutOfRange) {
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(24, 0, 24, 0)}}}), ElementsAre("w[0].ranges[0].start"));
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(-1, 0, 10, 0)}}}), ElementsAre("w[0].ranges[0].start"));
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(9, 60, 10, 0)}}}), ElementsAre("w[0].ranges[0].start"));
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(9, 0, 24, 30)}}}), ElementsAre("w[0].ranges[0].end"));
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(9, 0, 25, 0)}}}), ElementsAre("w[0].ranges[0].end"));
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(9, 0, 10, -5)}}}), ElementsAre("w[0].ranges[0].end"));
}

TEST(WeeklyWindowTest, RefusesAnEndBeforeOrEqualToTheStart) {
  Violations v;
  CheckWeeklyWindows({{{kMon}, {R(21, 0, 18, 30), R(9, 0, 9, 0), R(22, 0, 0, 0)}}}, "w", v);
  EXPECT_THAT(Fields(v),
              ElementsAre("w[0].ranges[0].end", "w[0].ranges[1].end", "w[0].ranges[2].end"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("after the start 21:00"));
}

TEST(WeeklyWindowTest, RefusesMissingUnknownAndRepeatedDays) {
  EXPECT_THAT(WeeklyFields({{{}, {R(9, 0, 10, 0)}}}), ElementsAre("w[0].days"));
  EXPECT_THAT(WeeklyFields({{{DayOfWeek::kUnspecified}, {R(9, 0, 10, 0)}}}),
              ElementsAre("w[0].days[0]"));
  EXPECT_THAT(WeeklyFields({{{kMon, static_cast<DayOfWeek>(8)}, {R(9, 0, 10, 0)}}}),
              ElementsAre("w[0].days[1]"));
  EXPECT_THAT(WeeklyFields({{{kMon, kTue, kMon}, {R(9, 0, 10, 0)}}}),
              ElementsAre("w[0].days[2]"));
}

TEST(WeeklyWindowTest, RefusesAWindowWithoutRanges) {
  EXPECT_THAT(WeeklyFields({{{kMon}, {}}}), ElementsAre("w[0].ranges"));
}

TEST(WeeklyWindowTest, RefusesOverlapsWithinOneWindow) {
  Violations v;
  CheckWeeklyWindows({{{kMon}, {R(9, 0, 12, 0), R(11, 0, 13, 0)}}}, "w", v);
  ASSERT_THAT(Fields(v), ElementsAre("w[0].ranges[1]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("overlaps w[0].ranges[0] (09:00-12:00)"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("Monday"));
}

TEST(WeeklyWindowTest, RefusesOverlapsAcrossWindowsOnTheSameDayOnce) {
  Violations v;
  CheckWeeklyWindows({{{kMon, kTue}, {R(18, 0, 21, 0)}}, {{kSat, kTue, kMon}, {R(20, 0, 21, 0)}}},
                     "w", v);
  ASSERT_THAT(Fields(v), ElementsAre("w[1].ranges[0]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("overlaps w[0].ranges[0]"));
}

TEST(WeeklyWindowTest, AcceptsTheSameRangesOnDifferentDays) {
  EXPECT_THAT(WeeklyFields({{{kMon}, {R(9, 0, 12, 0)}}, {{kTue}, {R(9, 0, 12, 0)}}}), IsEmpty());
}

TEST(WeeklyWindowTest, DayRangesReportOverlapsAndBadRanges) {
  Violations v;
  CheckDayRanges({R(10, 0, 12, 0), R(11, 0, 11, 30), R(13, 0, 12, 0)}, "h", v);
  EXPECT_THAT(Fields(v), UnorderedElementsAre("h[2].end", "h[1]"));
}

TEST(WeekScheduleTest, MergesTouchingAndOverlappingIntervals) {
  WeekSchedule s = WeekSchedule::Of({{{kMon}, {R(8, 0, 12, 0), R(12, 0, 14, 0)}},
                                     {{kMon}, {R(13, 0, 21, 0)}}});
  EXPECT_THAT(s.Day(kMon), ElementsAre(WeekSchedule::Interval{8 * 60, 21 * 60}));
  EXPECT_THAT(s.Day(kTue), IsEmpty());
  EXPECT_TRUE(s.Covers(kMon, R(8, 0, 21, 0)));
  EXPECT_FALSE(s.Covers(kMon, R(7, 59, 9, 0)));
  EXPECT_FALSE(s.Covers(kTue, R(9, 0, 10, 0)));
}

TEST(WeekScheduleTest, ContainsIsHalfOpen) {
  WeekSchedule s = WeekSchedule::Of({{{kMon}, {R(18, 30, 21, 0)}}});
  EXPECT_FALSE(s.Contains(kMon, 18 * 60 + 29));
  EXPECT_TRUE(s.Contains(kMon, 18 * 60 + 30));
  EXPECT_TRUE(s.Contains(kMon, 20 * 60 + 59));
  EXPECT_FALSE(s.Contains(kMon, 21 * 60));
}

TEST(WeekScheduleTest, CoversNeedsOneIntervalNotAGap) {
  WeekSchedule s = WeekSchedule::Of({{{kMon}, {R(9, 0, 12, 0), R(14, 0, 17, 0)}}});
  EXPECT_FALSE(s.Covers(kMon, R(11, 0, 15, 0)));
  EXPECT_EQ(s.Describe(kMon), "09:00-12:00, 14:00-17:00");
  EXPECT_EQ(s.Describe(kSun), "no hours");
}

TEST(WeekScheduleTest, ClipsToBoundsAndGroupsEqualDays) {
  WeekSchedule wanted = WeekSchedule::Of({{{kMon, kTue}, {R(18, 30, 21, 0)}},
                                          {{kSat}, {R(7, 0, 22, 0)}}});
  WeekSchedule bounds = WeekSchedule::Of({{{kMon, kTue, kSat}, {R(8, 0, 20, 0)}}});
  std::vector<WeeklyWindow> clipped = wanted.ClippedTo(bounds);
  ASSERT_EQ(clipped.size(), 2u);
  EXPECT_THAT(clipped[0].days, ElementsAre(kMon, kTue));
  ASSERT_EQ(clipped[0].ranges.size(), 1u);
  EXPECT_EQ(FormatRange(clipped[0].ranges[0]), "18:30-20:00");
  EXPECT_THAT(clipped[1].days, ElementsAre(kSat));
  EXPECT_EQ(FormatRange(clipped[1].ranges[0]), "08:00-20:00");
}

TEST(WeekScheduleTest, ClippingToNothingLeavesNoWindow) {
  WeekSchedule wanted = WeekSchedule::Of({{{kMon}, {R(21, 0, 22, 0)}}});
  WeekSchedule bounds = WeekSchedule::Of({{{kMon}, {R(8, 0, 21, 0)}}});
  EXPECT_THAT(wanted.ClippedTo(bounds), IsEmpty());
}

TEST(HolidayTest, KnowsTheWeekdayOfADate) {
  EXPECT_EQ(DayOfWeekOf({1970, 1, 1}), DayOfWeek::kThursday);
  EXPECT_EQ(DayOfWeekOf({2024, 2, 29}), DayOfWeek::kThursday);
  EXPECT_EQ(DayOfWeekOf({2026, 10, 1}), DayOfWeek::kThursday);
  EXPECT_EQ(DayOfWeekOf({2000, 1, 1}), DayOfWeek::kSaturday);
  EXPECT_EQ(DayOfWeekOf({2025, 12, 28}), DayOfWeek::kSunday);
}

TEST(HolidayTest, ValidatesDates) {
  EXPECT_TRUE(IsValidDate({2024, 2, 29}));
  EXPECT_FALSE(IsValidDate({2023, 2, 29}));
  EXPECT_FALSE(IsValidDate({1900, 2, 28}));
  EXPECT_TRUE(IsValidDate({2000, 2, 29}));
  EXPECT_FALSE(IsValidDate({2100, 2, 29}));
  EXPECT_FALSE(IsValidDate({2026, 4, 31}));
  EXPECT_FALSE(IsValidDate({2026, 13, 1}));
  EXPECT_FALSE(IsValidDate({2026, 0, 1}));
  EXPECT_FALSE(IsValidDate({2026, 1, 0}));
}

TEST(HolidayTest, ReportsBadDatesDuplicatesNamesAndRanges) {
  Violations v;
  CheckHolidays({{{2026, 2, 30}, "bad", {}},
                 {{2026, 10, 1}, "National Day", {}},
                 {{2026, 10, 1}, "again", {}},
                 {{2026, 10, 2}, std::string(201, 'x'), {R(10, 0, 9, 0)}}},
                "holidays", v);
  EXPECT_THAT(Fields(v), ElementsAre("holidays[0].date", "holidays[2].date",
                                     "holidays[3].display_name",
                                     "holidays[3].callable_ranges[0].end"));
}

}  // namespace
}  // namespace tmk::calendar
