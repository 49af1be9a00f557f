#pragma once
// Timestamps cross the libpqxx boundary as Unix microseconds (bigint), exact both ways.
#include <chrono>
#include <cstdint>

#include "services/common/core/clock.h"

// SQL turning a bigint microseconds parameter into timestamptz, and back.
#define TM_PG_MICROS(param) "('epoch'::timestamptz + (" param ")::bigint * interval '1 microsecond')"
#define TM_PG_EPOCH_MICROS(column) "(extract(epoch FROM " column ") * 1000000)::bigint"

namespace tmk::reporting {

inline int64_t ToMicros(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}
inline TimePoint FromMicros(int64_t micros) {
  return TimePoint(std::chrono::microseconds(micros));
}

}  // namespace tmk::reporting
