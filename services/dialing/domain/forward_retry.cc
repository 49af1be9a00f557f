#include "services/dialing/domain/forward_retry.h"

#include <algorithm>

namespace tmk::dialing {

bool IsFinalAnswer(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:  // the request id reused with another change
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kUnimplemented:
      return true;
    default:
      // UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, and
      // UNAUTHENTICATED (a credential being rotated): contacts may take it later.
      return false;
  }
}

std::chrono::milliseconds ForwardBackoff(int attempts) {
  const int doublings = std::clamp(attempts, 0, 20);
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(1) * (1LL << doublings),
                                            std::chrono::minutes(5));
}

}  // namespace tmk::dialing
