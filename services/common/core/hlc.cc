#include "services/common/core/hlc.h"

#include <algorithm>

namespace tmk {

HlcTimestamp HybridLogicalClock::Now() {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t physical = UnixMillis(clock_.Now());
  if (physical > last_wall_) {
    last_wall_ = physical;
    last_logical_ = 0;
  } else {
    ++last_logical_;
  }
  return {last_wall_, last_logical_, node_};
}

HlcTimestamp HybridLogicalClock::Observe(const HlcTimestamp& remote) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t physical = UnixMillis(clock_.Now());
  int64_t wall = std::max({last_wall_, remote.wall_millis, physical});
  uint32_t logical = 0;
  if (wall == last_wall_ && wall == remote.wall_millis) {
    logical = std::max(last_logical_, remote.logical) + 1;
  } else if (wall == last_wall_) {
    logical = last_logical_ + 1;
  } else if (wall == remote.wall_millis) {
    logical = remote.logical + 1;
  }
  last_wall_ = wall;
  last_logical_ = logical;
  return {wall, logical, node_};
}

}  // namespace tmk
