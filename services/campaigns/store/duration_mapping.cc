#include "services/campaigns/store/duration_mapping.h"

#include <algorithm>
#include <cstdint>

namespace tmk::campaigns {

std::chrono::milliseconds ToMillis(const google::protobuf::Duration& duration) {
  // About 31,700 years either way: far past every bound the domain checks.
  constexpr int64_t kLimitSeconds = 1'000'000'000'000;
  const int64_t seconds = std::clamp<int64_t>(duration.seconds(), -kLimitSeconds, kLimitSeconds);
  return std::chrono::milliseconds(seconds * 1000 + duration.nanos() / 1'000'000);
}

google::protobuf::Duration ToProtoDuration(std::chrono::milliseconds duration) {
  google::protobuf::Duration out;
  out.set_seconds(duration.count() / 1000);
  out.set_nanos(static_cast<int32_t>(duration.count() % 1000) * 1'000'000);
  return out;
}

}  // namespace tmk::campaigns
