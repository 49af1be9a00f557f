// The next callable instant (R10, R20) in a customer's own zone: weekends and holidays skipped,
// windows kept at their local times across daylight-saving changes, nothing beyond the horizon.
#include "services/common/calendar/next_callable_time.h"

#include <gtest/gtest.h>

#include <optional>

#include "absl/time/time.h"

namespace tmk::calendar {
namespace {

const std::vector<DayOfWeek> kWorkdays = {DayOfWeek::kMonday, DayOfWeek::kTuesday,
                                          DayOfWeek::kWednesday, DayOfWeek::kThursday,
                                          DayOfWeek::kFriday};

TimeOfDayRange R(int sh, int sm, int eh, int em) { return {{sh, sm}, {eh, em}}; }

TimePoint Utc(int y, int mo, int d, int h, int mi) {
  return absl::ToChronoTime(
      absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone()));
}

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name << " (is tzdata installed?)";
  return zone;
}

// R10 B2B business hours with the R20 legal bounds.
std::vector<CallingCalendar> B2b() {
  return {{{{{kWeek.begin(), kWeek.end()}, {R(8, 0, 21, 0)}}}, {}},
          {{{kWorkdays, {R(9, 0, 12, 0), R(14, 0, 17, 30)}}}, {}}};
}

TEST(NextCallableTimeTest, ASaturdayB2bCustomerIsNextCalledOnMondayAtNine) {
  const TimePoint saturday_0930 = Utc(2026, 6, 6, 1, 30);  // 09:30 in UTC+8
  const TimePoint monday_0900 = Utc(2026, 6, 8, 1, 0);
  EXPECT_EQ(NextCallableTime(B2b(), absl::FixedTimeZone(8 * 3600), saturday_0930), monday_0900);
  EXPECT_EQ(NextCallableTime(B2b(), Zone("Asia/Shanghai"), saturday_0930), monday_0900);
  // The same instant is Friday 18:30 in Los Angeles: after hours there too, but Monday 09:00 is
  // a different instant.
  EXPECT_EQ(NextCallableTime(B2b(), Zone("America/Los_Angeles"), saturday_0930),
            Utc(2026, 6, 8, 16, 0));
}

TEST(NextCallableTimeTest, InsideAWindowIsNowAndBetweenWindowsIsTheNextOne) {
  const absl::TimeZone utc8 = absl::FixedTimeZone(8 * 3600);
  const TimePoint monday_1015 = Utc(2026, 6, 8, 2, 15) + std::chrono::seconds(7);
  EXPECT_EQ(NextCallableTime(B2b(), utc8, monday_1015), monday_1015);
  EXPECT_EQ(NextCallableTime(B2b(), utc8, Utc(2026, 6, 8, 4, 0)), Utc(2026, 6, 8, 6, 0));
  // 17:30 closes the afternoon: the next is Tuesday morning.
  EXPECT_EQ(NextCallableTime(B2b(), utc8, Utc(2026, 6, 8, 9, 30)), Utc(2026, 6, 9, 1, 0));
}

TEST(NextCallableTimeTest, HolidaysAreSkipped) {
  std::vector<CallingCalendar> calendars = B2b();
  calendars[0].holidays = {{{2026, 6, 8}, "region holiday", {}},
                           {{2026, 6, 9}, "half day", {R(10, 0, 12, 0)}}};
  EXPECT_EQ(NextCallableTime(calendars, absl::FixedTimeZone(8 * 3600), Utc(2026, 6, 6, 1, 30)),
            Utc(2026, 6, 9, 2, 0));  // Tuesday 10:00
}

TEST(NextCallableTimeTest, NoneWithinTheHorizon) {
  const absl::TimeZone utc8 = absl::FixedTimeZone(8 * 3600);
  EXPECT_EQ(NextCallableTime({}, utc8, Utc(2026, 6, 6, 1, 30)), std::nullopt);
  std::vector<CallingCalendar> no_hours = B2b();
  no_hours[1].weekly.clear();
  EXPECT_EQ(NextCallableTime(no_hours, utc8, Utc(2026, 6, 6, 1, 30)), std::nullopt);
  // Monday 09:00 is 47.5 h after Saturday 09:30.
  EXPECT_EQ(NextCallableTime(B2b(), utc8, Utc(2026, 6, 6, 1, 30), std::chrono::hours(47)),
            std::nullopt);
  EXPECT_EQ(NextCallableTime(B2b(), utc8, Utc(2026, 6, 6, 1, 30), std::chrono::hours(48)),
            Utc(2026, 6, 8, 1, 0));
}

// Europe/Berlin springs forward on 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
TEST(NextCallableTimeTest, KeepsLocalTimesAcrossTheSpringForwardNight) {
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  const std::vector<DayOfWeek> every_day(kWeek.begin(), kWeek.end());
  std::vector<CallingCalendar> nine_to_five = {{{{every_day, {R(9, 0, 17, 0)}}}, {}}};
  // Saturday 17:00 CET (16:00 UTC) -> Sunday 09:00 CEST (07:00 UTC): 23 hours later, not 24.
  EXPECT_EQ(NextCallableTime(nine_to_five, berlin, Utc(2026, 3, 28, 16, 0)),
            Utc(2026, 3, 29, 7, 0));
  // A window opening inside the skipped hour opens when the clocks jump to 03:00.
  std::vector<CallingCalendar> early = {{{{every_day, {R(2, 30, 4, 0)}}}, {}}};
  EXPECT_EQ(NextCallableTime(early, berlin, Utc(2026, 3, 28, 21, 0)), Utc(2026, 3, 29, 1, 0));
  // A window wholly inside the skipped hour does not exist that night.
  std::vector<CallingCalendar> lost = {{{{every_day, {R(2, 0, 2, 45)}}}, {}}};
  EXPECT_EQ(NextCallableTime(lost, berlin, Utc(2026, 3, 28, 21, 0)), Utc(2026, 3, 30, 0, 0));
}

// Europe/Berlin falls back on 2026-10-25: 03:00 CEST becomes 02:00 CET, 02:00-03:00 happens twice.
TEST(NextCallableTimeTest, TheRepeatedHourOpensAtItsFirstPassOrAfterNow) {
  const absl::TimeZone berlin = Zone("Europe/Berlin");
  const std::vector<DayOfWeek> every_day(kWeek.begin(), kWeek.end());
  std::vector<CallingCalendar> late = {{{{every_day, {R(2, 30, 4, 0)}}}, {}}};
  // 02:20 CEST (first pass) -> 02:30 CEST.
  EXPECT_EQ(NextCallableTime(late, berlin, Utc(2026, 10, 25, 0, 20)), Utc(2026, 10, 25, 0, 30));
  // 02:10 CET (second pass) -> 02:30 CET, not the 02:30 CEST already gone.
  EXPECT_EQ(NextCallableTime(late, berlin, Utc(2026, 10, 25, 1, 10)), Utc(2026, 10, 25, 1, 30));
}

}  // namespace
}  // namespace tmk::calendar
