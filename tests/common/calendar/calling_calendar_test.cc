// Calling calendars (R10, R20): holidays override a calendar's weekly windows on their date, and a
// call needs every calendar (the region's legal hours and the campaign's windows) to allow it.
#include "services/common/calendar/calling_calendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::calendar {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<DayOfWeek> kWorkdays = {DayOfWeek::kMonday, DayOfWeek::kTuesday,
                                          DayOfWeek::kWednesday, DayOfWeek::kThursday,
                                          DayOfWeek::kFriday};

TimeOfDayRange R(int sh, int sm, int eh, int em) { return {{sh, sm}, {eh, em}}; }

WeekSchedule::Interval I(int start, int end) { return {start, end}; }

TEST(IsCallableAtTest, FollowsTheWeekdayWindows) {
  std::vector<WeeklyWindow> weekly = {{kWorkdays, {R(18, 30, 21, 0)}}};
  EXPECT_TRUE(IsCallableAt(weekly, {}, {2026, 6, 1}, {19, 0}));    // Monday
  EXPECT_FALSE(IsCallableAt(weekly, {}, {2026, 6, 1}, {18, 29}));
  EXPECT_FALSE(IsCallableAt(weekly, {}, {2026, 6, 1}, {21, 0}));
  EXPECT_FALSE(IsCallableAt(weekly, {}, {2026, 6, 6}, {19, 0}));   // Saturday
  EXPECT_FALSE(IsCallableAt(weekly, {}, {2026, 2, 30}, {19, 0}));  // no such date
}

TEST(IsCallableAtTest, HolidaysOverrideTheWeeklyWindowsOnTheirDate) {
  std::vector<WeeklyWindow> weekly = {{kWorkdays, {R(9, 0, 17, 0)}}};
  std::vector<Holiday> holidays = {{{2026, 5, 1}, "Labour Day", {}},
                                   {{2026, 6, 6}, "working Saturday", {R(10, 0, 12, 0)}}};
  EXPECT_FALSE(IsCallableAt(weekly, holidays, {2026, 5, 1}, {10, 0}));  // a Friday off
  EXPECT_TRUE(IsCallableAt(weekly, holidays, {2026, 6, 6}, {11, 0}));   // a Saturday on
  EXPECT_FALSE(IsCallableAt(weekly, holidays, {2026, 6, 6}, {13, 0}));
  EXPECT_TRUE(IsCallableAt(weekly, holidays, {2026, 5, 8}, {10, 0}));   // the next Friday
}

TEST(CallableIntervalsTest, EveryCalendarMustAllow) {
  CallingCalendar legal{{{kWorkdays, {R(8, 0, 21, 0)}}}, {}};
  CallingCalendar b2b{{{kWorkdays, {R(7, 0, 12, 0), R(14, 0, 17, 30)}}}, {}};
  EXPECT_THAT(CallableIntervals({legal, b2b}, {2026, 6, 1}),
              ElementsAre(I(8 * 60, 12 * 60), I(14 * 60, 17 * 60 + 30)));
  EXPECT_TRUE(IsCallableAt({legal, b2b}, {2026, 6, 1}, {8, 0}));
  EXPECT_FALSE(IsCallableAt({legal, b2b}, {2026, 6, 1}, {7, 30}));  // the region forbids it
  EXPECT_FALSE(IsCallableAt({legal, b2b}, {2026, 6, 1}, {13, 0}));  // the campaign does
}

TEST(CallableIntervalsTest, EachCalendarHasItsOwnHolidays) {
  CallingCalendar region{{{kWorkdays, {R(8, 0, 21, 0)}}}, {{{2026, 10, 1}, "National Day", {}}}};
  CallingCalendar campaign{{{kWorkdays, {R(9, 0, 17, 0)}}},
                           {{{2026, 10, 2}, "short day", {R(9, 0, 10, 0)}}}};
  EXPECT_THAT(CallableIntervals({region, campaign}, {2026, 10, 1}), IsEmpty());
  EXPECT_THAT(CallableIntervals({region, campaign}, {2026, 10, 2}), ElementsAre(I(540, 600)));
}

TEST(CallableIntervalsTest, NoCalendarOrNoSuchDateAllowsNothing) {
  EXPECT_THAT(CallableIntervals({}, {2026, 6, 1}), IsEmpty());
  EXPECT_THAT(CallableIntervals({{{{kWorkdays, {R(8, 0, 21, 0)}}}, {}}}, {2026, 2, 30}),
              IsEmpty());
}

}  // namespace
}  // namespace tmk::calendar
