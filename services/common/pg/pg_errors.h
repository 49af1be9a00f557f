#pragma once
// The one place where libpqxx exceptions become absl::Status (STYLE.md §4): store code never lets
// a pqxx exception cross its boundary.
#include <exception>

#include "absl/status/status.h"

namespace tmk::pg {

enum class Retry { kNo, kReconnect, kRerun };

struct ClassifiedError {
  absl::Status status;
  Retry retry;
};

// Maps the exception in flight (call only inside a catch block) to a status and a retry advice:
// lost connection → UNAVAILABLE/reconnect; serialization failure or deadlock → ABORTED/rerun;
// unique violation → ALREADY_EXISTS; check/foreign-key violations → FAILED_PRECONDITION;
// an unknown commit outcome → UNAVAILABLE without retry (the write may have landed).
ClassifiedError ClassifyCurrentException();

}  // namespace tmk::pg
