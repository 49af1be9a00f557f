#pragma once
// Hybrid logical clock (Kulkarni et al.): orders changes across regions whose wall clocks differ
// (R32). Timestamps compare by (wall millis, logical counter, node) — the node id breaks ties so
// two regions never produce equal stamps and last-writer-wins is deterministic everywhere.
#include <cstdint>
#include <mutex>
#include <string>
#include <tuple>

#include "services/common/core/clock.h"

namespace tmk {

struct HlcTimestamp {
  int64_t wall_millis = 0;
  uint32_t logical = 0;
  std::string node;

  friend bool operator<(const HlcTimestamp& a, const HlcTimestamp& b) {
    return std::tie(a.wall_millis, a.logical, a.node) < std::tie(b.wall_millis, b.logical, b.node);
  }
  friend bool operator==(const HlcTimestamp& a, const HlcTimestamp& b) {
    return std::tie(a.wall_millis, a.logical, a.node) == std::tie(b.wall_millis, b.logical, b.node);
  }
};

class HybridLogicalClock {
 public:
  HybridLogicalClock(const Clock& clock, std::string node) : clock_(clock), node_(std::move(node)) {}

  // A stamp for a local event, greater than every stamp this clock issued or observed.
  HlcTimestamp Now();
  // Merges a stamp received from another region, then returns a stamp for the receive event.
  HlcTimestamp Observe(const HlcTimestamp& remote);

 private:
  const Clock& clock_;
  const std::string node_;
  std::mutex mu_;
  int64_t last_wall_ = 0;
  uint32_t last_logical_ = 0;
};

}  // namespace tmk
