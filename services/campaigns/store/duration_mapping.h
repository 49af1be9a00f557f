#pragma once
// google.protobuf.Duration <-> the domain's milliseconds. Durations arrive from clients unchecked,
// so the conversion saturates instead of overflowing: an absurd value stays absurd (and is refused
// by the domain's bounds) rather than wrapping into a plausible one.
#include <google/protobuf/duration.pb.h>

#include <chrono>

namespace tmk::campaigns {

std::chrono::milliseconds ToMillis(const google::protobuf::Duration& duration);
google::protobuf::Duration ToProtoDuration(std::chrono::milliseconds duration);

}  // namespace tmk::campaigns
