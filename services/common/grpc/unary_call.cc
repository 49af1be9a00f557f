#include "services/common/grpc/unary_call.h"

namespace tmk::grpcx {

std::string AuthorizationHeader(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace tmk::grpcx
