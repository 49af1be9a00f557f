#include "services/reporting/domain/report_bucket.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace tmk::reporting {

namespace {

TimePoint Floor(TimePoint time, TimePoint::duration width) {
  auto since = time.time_since_epoch();
  return TimePoint(since - (since % width + width) % width);  // floors negative times too
}

}  // namespace

TimePoint BucketStart(TimePoint time) {
  return Floor(time, std::chrono::duration_cast<TimePoint::duration>(kRollupBucket));
}

TimePoint UtcDayStart(TimePoint time) {
  return Floor(time, std::chrono::duration_cast<TimePoint::duration>(kUtcDay));
}

std::pair<TimePoint, TimePoint> WholeUtcDays(TimePoint start, TimePoint end) {
  TimePoint first = UtcDayStart(start);
  if (first < start) first += kUtcDay;
  const TimePoint last = UtcDayStart(end);
  if (first >= last) return {end, end};
  return {first, last};
}

TimePoint BucketEndAtOrAfter(TimePoint time) {
  TimePoint start = BucketStart(time);
  return start == time ? start : start + std::chrono::duration_cast<TimePoint::duration>(kRollupBucket);
}

TimePoint BucketEnd(TimePoint bucket, BucketWidth width, const std::string& zone,
                    TimePoint period_end) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(zone, &tz)) tz = absl::UTCTimeZone();
  const absl::Time start = absl::FromChrono(bucket);
  absl::Time end;
  switch (width) {
    case BucketWidth::kQuarterHour:
      end = start + absl::Minutes(15);
      break;
    case BucketWidth::kHour:
      end = start + absl::Hours(1);
      break;
    case BucketWidth::kDay:
      end = tz.At(absl::CivilDay(absl::ToCivilDay(start, tz)) + 1).pre;
      break;
    case BucketWidth::kWeek:
      end = tz.At(absl::CivilDay(absl::ToCivilDay(start, tz)) + 7).pre;
      break;
    case BucketWidth::kMonth:
      end = tz.At(absl::CivilMonth(absl::ToCivilMonth(start, tz)) + 1).pre;
      break;
    case BucketWidth::kTotal:
      return period_end;
  }
  return std::min(period_end, absl::ToChronoTime(end));
}

}  // namespace tmk::reporting
