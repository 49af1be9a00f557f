#include "services/common/calendar/local_date_time.h"

#include <chrono>

namespace tmk::calendar {
namespace {

std::optional<absl::TimeZone> Load(const std::string& name) {
  absl::TimeZone zone;
  // absl maps an unknown name to UTC and says false; an empty name is never a customer's zone.
  if (name.empty() || !absl::LoadTimeZone(name, &zone)) return std::nullopt;
  return zone;
}

}  // namespace

LocalDateTime ToLocalDateTime(TimePoint instant, const absl::TimeZone& zone) {
  const absl::CivilSecond civil = absl::ToCivilSecond(absl::FromChrono(instant), zone);
  return {{static_cast<int>(civil.year()), civil.month(), civil.day()},
          {civil.hour(), civil.minute()},
          civil.second()};
}

TimePoint FromLocalDateTime(const LocalDateTime& local, const absl::TimeZone& zone) {
  const absl::CivilSecond civil(local.date.year, local.date.month, local.date.day,
                                local.time.hours, local.time.minutes, local.seconds);
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  const absl::Time instant = info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
  return std::chrono::time_point_cast<TimePoint::duration>(absl::ToChronoTime(instant));
}

LocalDate AddDays(const LocalDate& date, int days) {
  const absl::CivilDay day = absl::CivilDay(date.year, date.month, date.day) + days;
  return {static_cast<int>(day.year()), day.month(), day.day()};
}

std::optional<absl::TimeZone> ResolveTimeZone(const std::string& name,
                                              const std::string& fallback) {
  if (std::optional<absl::TimeZone> own = Load(name)) return own;
  return Load(fallback);
}

}  // namespace tmk::calendar
