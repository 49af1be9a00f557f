#include "tests/support/rpc_error.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace tmk::testing {

std::map<std::string, std::string> FieldViolations(const grpc::Status& status) {
  std::map<std::string, std::string> out;
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return out;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad;
    if (detail.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out[v.field()] = v.description();
    }
  }
  return out;
}

namespace {

google::rpc::ErrorInfo ErrorInfoOf(const grpc::Status& status) {
  google::rpc::Status rich;
  google::rpc::ErrorInfo info;
  if (!rich.ParseFromString(status.error_details())) return info;
  for (const auto& detail : rich.details()) {
    if (detail.UnpackTo(&info)) break;
  }
  return info;
}

}  // namespace

std::string ErrorReason(const grpc::Status& status) { return ErrorInfoOf(status).reason(); }

std::map<std::string, std::string> ErrorMetadata(const grpc::Status& status) {
  const google::rpc::ErrorInfo info = ErrorInfoOf(status);
  return {info.metadata().begin(), info.metadata().end()};
}

}  // namespace tmk::testing
