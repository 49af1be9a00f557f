#pragma once
// The pacing benchmark is a command-line tool: a setting the simulator refuses is a bug in the
// benchmark, reported once and fatal.
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/status/statusor.h"

namespace tmk::dialing::bench {

inline void ExitUnlessOk(const absl::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "pacing benchmark: %s\n", status.ToString().c_str());
    std::exit(2);
  }
}

template <typename T>
T ValueOrExit(absl::StatusOr<T> value) {
  ExitUnlessOk(value.status());
  return *std::move(value);
}

}  // namespace tmk::dialing::bench
