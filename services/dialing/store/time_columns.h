#pragma once
// Instants through libpqxx 6.4 as whole microseconds since the Unix epoch, exact both ways:
// parameters become timestamptz with kMicrosToTime, columns come back through kTimeToMicros.
// The store files of leads, callbacks, the hopper and the contacts projection share them.
#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "services/common/core/clock.h"

namespace tmk::dialing {

// SQL reading bigint micros parameter `$n` as timestamptz.
inline std::string MicrosToTime(int n) {
  return "(timestamptz 'epoch' + $" + std::to_string(n) + "::bigint * interval '1 microsecond')";
}
// The same for a nullable parameter ("" is NULL).
inline std::string OptionalMicrosToTime(int n) {
  return "(timestamptz 'epoch' + NULLIF($" + std::to_string(n) +
         ", '')::bigint * interval '1 microsecond')";
}
// SQL reading timestamptz column `column` as bigint micros (NULL stays NULL).
inline std::string TimeToMicros(const std::string& column) {
  return "(extract(epoch FROM " + column + ") * 1000000)::bigint";
}

inline long long Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline std::string OptionalMicros(const std::optional<TimePoint>& t) {
  return t ? std::to_string(Micros(*t)) : std::string();
}
inline TimePoint ReadTime(const pqxx::field& field) {
  return TimePoint(std::chrono::microseconds(field.as<long long>()));
}
inline std::optional<TimePoint> ReadOptionalTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return ReadTime(field);
}

}  // namespace tmk::dialing
