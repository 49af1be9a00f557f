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

std::string ErrorReason(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return "";
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace tmk::testing
