#pragma once
// What a client reads from a failed call's google.rpc.Status details: the BadRequest field
// violations (field → description) and the ErrorInfo reason and metadata.
#include <grpcpp/support/status.h>

#include <map>
#include <string>

namespace tmk::testing {

std::map<std::string, std::string> FieldViolations(const grpc::Status& status);
std::string ErrorReason(const grpc::Status& status);
std::map<std::string, std::string> ErrorMetadata(const grpc::Status& status);

}  // namespace tmk::testing
