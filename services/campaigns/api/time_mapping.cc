#include "services/campaigns/api/time_mapping.h"

#include "services/common/grpc/proto_conversions.h"

namespace tmk::campaigns {

std::optional<TimePoint> ToTimePoint(const google::protobuf::Timestamp& time) {
  constexpr long long kMaxSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(TimePoint::duration::max()).count() - 1;
  if (time.seconds() < -kMaxSeconds || time.seconds() > kMaxSeconds || time.nanos() < 0 ||
      time.nanos() > 999'999'999) {
    return std::nullopt;
  }
  return grpcx::FromProtoTime(time);
}

}  // namespace tmk::campaigns
