#include "services/common/grpc/request_log_interceptor.h"

#include <chrono>

#include "services/common/log/logger.h"

namespace tmk::grpcx {
namespace {

class RequestLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(grpc::experimental::ServerRpcInfo* info, const RpcObserver& observer)
      : method_(info->method() ? info->method() : "?"),
        observer_(observer),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      // Health probes arrive every few seconds; logging them would drown real traffic.
      if (method_.rfind("/grpc.health.v1.Health/", 0) != 0) {
        log::Write(status.ok() ? log::Level::kInfo : log::Level::kWarn, "rpc",
                   {{"method", method_},
                    {"code", static_cast<int>(status.error_code())},
                    {"latency_ms", seconds * 1000.0},
                    {"error", status.error_message()}});
      }
      if (observer_) observer_(method_, status.error_code(), seconds);
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  const RpcObserver& observer_;
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor* RequestLogInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RequestLogInterceptor(info, observer_);
}

}  // namespace tmk::grpcx
