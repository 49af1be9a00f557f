// Local wall-clock conversions (R10): a customer's calendar time from an instant and back, dates
// across months and years, and the fallback zone for customers whose own zone is unknown.
#include "services/common/calendar/local_date_time.h"

#include <gtest/gtest.h>

namespace tmk::calendar {
namespace {

TimePoint Utc(int y, int mo, int d, int h, int mi) {
  return absl::ToChronoTime(
      absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::UTCTimeZone()));
}

TEST(LocalDateTimeTest, ConvertsBothWays) {
  const absl::TimeZone utc8 = absl::FixedTimeZone(8 * 3600);
  const TimePoint instant = Utc(2026, 12, 31, 17, 5) + std::chrono::seconds(9);
  const LocalDateTime local = ToLocalDateTime(instant, utc8);
  EXPECT_EQ(local.date, (LocalDate{2027, 1, 1}));
  EXPECT_EQ(local.time.hours, 1);
  EXPECT_EQ(local.time.minutes, 5);
  EXPECT_EQ(local.seconds, 9);
  EXPECT_EQ(FromLocalDateTime(local, utc8), instant);
}

TEST(LocalDateTimeTest, AddsDaysAcrossMonthsAndLeapYears) {
  EXPECT_EQ(AddDays({2028, 2, 28}, 1), (LocalDate{2028, 2, 29}));
  EXPECT_EQ(AddDays({2026, 12, 31}, 1), (LocalDate{2027, 1, 1}));
  EXPECT_EQ(AddDays({2026, 3, 1}, -1), (LocalDate{2026, 2, 28}));
}

TEST(LocalDateTimeTest, FallsBackWhenTheCustomersZoneIsUnknown) {
  const TimePoint noon_utc = Utc(2026, 6, 1, 12, 0);
  std::optional<absl::TimeZone> own = ResolveTimeZone("Europe/Berlin", "Asia/Shanghai");
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(ToLocalDateTime(noon_utc, *own).time.hours, 14);
  for (const char* unknown : {"", "Mars/Olympus_Mons"}) {
    std::optional<absl::TimeZone> fallback = ResolveTimeZone(unknown, "Asia/Shanghai");
    ASSERT_TRUE(fallback.has_value()) << unknown;
    EXPECT_EQ(ToLocalDateTime(noon_utc, *fallback).time.hours, 20) << unknown;
  }
  EXPECT_FALSE(ResolveTimeZone("", "").has_value());
  EXPECT_FALSE(ResolveTimeZone("Mars/Olympus_Mons", "").has_value());
}

}  // namespace
}  // namespace tmk::calendar
