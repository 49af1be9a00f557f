#pragma once
// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness. Time-ordered ids keep B-tree
// inserts local (outbox, calls) and double as CloudEvents ids that sort by creation.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/common/core/clock.h"

namespace tmk {

class Uuid {
 public:
  using Bytes = std::array<uint8_t, 16>;
  explicit Uuid(const Bytes& bytes) : bytes_(bytes) {}

  // A new version-7 id for the given instant; monotonic within a process even when the clock
  // stalls, by incrementing the random tail (RFC 9562 §6.2 method 2).
  static Uuid V7(TimePoint now);
  // Accepts the canonical 8-4-4-4-12 hex form, either case.
  static std::optional<Uuid> Parse(std::string_view text);

  std::string ToString() const;
  const Bytes& bytes() const { return bytes_; }
  int version() const { return bytes_[6] >> 4; }
  long long UnixMillis() const;

  friend bool operator==(const Uuid& a, const Uuid& b) { return a.bytes_ == b.bytes_; }
  friend bool operator<(const Uuid& a, const Uuid& b) { return a.bytes_ < b.bytes_; }

 private:
  Bytes bytes_;
};

// Convenience for the common case: a fresh v7 id as text.
std::string NewId(const Clock& clock = SystemClock::Instance());

}  // namespace tmk
