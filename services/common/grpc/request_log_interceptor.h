#pragma once
// Logs every RPC once it has its status — method, code, latency — and reports it to an observer
// (the metrics module), without any handler having to remember to.
#include <grpcpp/support/server_interceptor.h>

#include <functional>
#include <string>

namespace tmk::grpcx {

using RpcObserver =
    std::function<void(const std::string& method, grpc::StatusCode code, double seconds)>;

class RequestLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RequestLogInterceptorFactory(RpcObserver observer) : observer_(std::move(observer)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  RpcObserver observer_;
};

}  // namespace tmk::grpcx
