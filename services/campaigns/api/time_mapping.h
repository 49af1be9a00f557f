#pragma once
// google.protobuf.Timestamp -> TimePoint for values that come from clients: anything TimePoint
// cannot hold (system_clock nanoseconds: about the years 1678-2262) or with nanos outside
// 0-999,999,999 is refused rather than converted, because converting it would overflow.
#include <google/protobuf/timestamp.pb.h>

#include <optional>

#include "services/common/core/clock.h"

namespace tmk::campaigns {

std::optional<TimePoint> ToTimePoint(const google::protobuf::Timestamp& time);

}  // namespace tmk::campaigns
