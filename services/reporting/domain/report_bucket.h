#pragma once
// Projections roll up per 15 minutes (R26-R28): every coarser report bucket is a sum of these, so
// a report reads rollups, never raw events.
#include <chrono>
#include <string>
#include <utility>

#include "services/common/core/clock.h"

namespace tmk::reporting {

inline constexpr std::chrono::minutes kRollupBucket{15};

// How report buckets sum the rollups: 15 minutes, a calendar unit in the report's zone, or the
// whole period.
enum class BucketWidth { kQuarterHour, kHour, kDay, kWeek, kMonth, kTotal };

// The start of the 15-minute bucket holding `time` (buckets are aligned to the Unix epoch, which
// aligns them to every zone whose offset is a multiple of 15 minutes).
TimePoint BucketStart(TimePoint time);
// The first bucket start at or after `time`.
TimePoint BucketEndAtOrAfter(TimePoint time);

// The campaign day rollups' bucket (R26, R27): UTC days, so they answer whole-period questions
// in any zone, edged by 15-minute rows.
inline constexpr std::chrono::hours kUtcDay{24};
// The start of the UTC day holding `time`.
TimePoint UtcDayStart(TimePoint time);
// The whole UTC days within [start, end), as [first, last): what a day rollup answers of the
// period, the rest being its partial first and last days. Empty (both `end`) when none.
std::pair<TimePoint, TimePoint> WholeUtcDays(TimePoint start, TimePoint end);

// Where the report bucket starting at `bucket` ends, in the IANA zone `zone` (calendar days,
// weeks and months follow the zone's clocks), never after `period_end`.
TimePoint BucketEnd(TimePoint bucket, BucketWidth width, const std::string& zone,
                    TimePoint period_end);

}  // namespace tmk::reporting
