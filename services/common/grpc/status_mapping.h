#pragma once
// The one place where absl::Status becomes grpc::Status (STYLE.md §4), with google.rpc.Status
// details: BadRequest field violations and ErrorInfo{reason, domain}, so clients get a
// machine-readable answer as well as a message.
#include <string_view>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace tmk::grpcx {

// `domain` names the producer in ErrorInfo, e.g. "contacts.telemarketing".
grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view domain);

// The status of a call to another service of the suite (`peer`, e.g. "contacts"), as the caller's
// own: what the caller's client can act on passes through (NOT_FOUND, INVALID_ARGUMENT,
// PERMISSION_DENIED, UNAUTHENTICATED, FAILED_PRECONDITION); a peer that is down, slow or busy is
// UNAVAILABLE (retryable); anything else is INTERNAL. The message names the peer.
absl::Status FromPeerStatus(const grpc::Status& status, std::string_view peer);

}  // namespace tmk::grpcx
