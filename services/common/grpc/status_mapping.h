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

}  // namespace tmk::grpcx
