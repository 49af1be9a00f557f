#include "services/common/grpc/status_mapping.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/core/status_details.h"

namespace tmk::grpcx {
namespace {

// absl and gRPC share the canonical code numbering (google.rpc.Code).
grpc::StatusCode ToGrpcCode(absl::StatusCode code) {
  return static_cast<grpc::StatusCode>(static_cast<int>(code));
}

std::string DefaultReason(absl::StatusCode code) {
  return absl::StatusCodeToString(code);  // e.g. "INVALID_ARGUMENT"
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view domain) {
  if (status.ok()) return grpc::Status::OK;
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(std::string(status.message()));

  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& v : violations) {
      auto* fv = bad_request.add_field_violations();
      fv->set_field(v.field);
      fv->set_description(v.description);
    }
    rich.add_details()->PackFrom(bad_request);
  }
  google::rpc::ErrorInfo info;
  std::string reason = ReasonOf(status);
  info.set_reason(reason.empty() ? DefaultReason(status.code()) : reason);
  info.set_domain(std::string(domain));
  for (const auto& [key, value] : ReasonMetadataOf(status)) (*info.mutable_metadata())[key] = value;
  rich.add_details()->PackFrom(info);

  // Internal errors keep their detail in the logs, not in the answer to the client.
  std::string message = status.code() == absl::StatusCode::kInternal
                            ? "internal error"
                            : std::string(status.message());
  rich.set_message(message);
  return grpc::Status(ToGrpcCode(status.code()), message, rich.SerializeAsString());
}

absl::Status FromPeerStatus(const grpc::Status& status, std::string_view peer) {
  if (status.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(absl::string_view(peer.data(), peer.size()), ": ",
                                     status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      return absl::NotFoundError(message);
    case grpc::StatusCode::INVALID_ARGUMENT:
      return absl::InvalidArgumentError(message);
    case grpc::StatusCode::PERMISSION_DENIED:
      return absl::PermissionDeniedError(message);
    case grpc::StatusCode::UNAUTHENTICATED:
      return absl::UnauthenticatedError(message);
    case grpc::StatusCode::FAILED_PRECONDITION:
      return absl::FailedPreconditionError(message);
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::CANCELLED:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace tmk::grpcx
