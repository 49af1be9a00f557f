#include "services/common/server/suite_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "absl/strings/numbers.h"
#include "grpc/health/v1/health.pb.h"
#include "services/common/auth/authenticator.h"
#include "services/common/core/clock.h"
#include "services/common/grpc/request_log_interceptor.h"
#include "services/common/metrics/metrics_http_server.h"
#include "services/common/metrics/metrics_registry.h"

namespace tmk::server {
namespace {

metrics::MetricsHttpServer::Options MetricsOptions(const std::string& listen) {
  metrics::MetricsHttpServer::Options options;
  size_t colon = listen.rfind(':');
  options.host = listen.substr(0, colon);
  int port = 0;
  (void)absl::SimpleAtoi(listen.substr(colon + 1), &port);  // validated in ServerConfig
  options.port = port;
  return options;
}

// The health name Kubernetes' liveness probe asks about (helm/telemarketing values.yaml).
constexpr char kLivenessName[] = "liveness";

sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// Polls every module once a second and publishes the result through gRPC health checking:
// per service name, and overall ("") only when every module is healthy.
class HealthMonitor {
 public:
  HealthMonitor(grpc::HealthCheckServiceInterface& health,
                std::vector<std::unique_ptr<ServiceModule>>& modules, metrics::MetricsRegistry& registry)
      : health_(health), modules_(modules), registry_(registry) {}

  void Start() {
    thread_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mu_);
      while (!stopping_) {
        lock.unlock();
        CheckOnce();
        lock.lock();
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
      }
    });
  }

  // Marks everything NOT_SERVING first, so load balancers stop sending before the drain.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    health_.Shutdown();
  }

  void CheckOnce() {
    bool all = true;
    for (auto& module : modules_) {
      bool healthy = module->Healthy();
      all = all && healthy;
      for (const std::string& name : module->HealthNames()) {
        health_.SetServingStatus(name, healthy);
        registry_.Gauge("tm_service_serving", "1 when the service reports SERVING.", {{"service", name}})
            .Set(healthy ? 1 : 0);
      }
    }
    health_.SetServingStatus("", all);
    // Liveness: the process answers. A dependency outage is a readiness matter, not a restart.
    health_.SetServingStatus(kLivenessName, true);
    overall_ = all;
  }

  bool overall() const { return overall_.load(); }

 private:
  grpc::HealthCheckServiceInterface& health_;
  std::vector<std::unique_ptr<ServiceModule>>& modules_;
  metrics::MetricsRegistry& registry_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> overall_{false};
  std::thread thread_;
};

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int RunSuiteServer(const ServerConfig& server, const pg::PgConfig& pg,
                   const events::KafkaConfig& kafka, const auth::AuthConfig& auth_config,
                   const ConfiguredModules& hosted) {
  log::Configure(server.log_level, server.region);
  absl::StatusOr<auth::Authenticator> authenticator = auth::Authenticator::Create(auth_config);
  if (!authenticator.ok()) {
    log::Error("auth configuration rejected", {{"error", authenticator.status().message()}});
    return 2;
  }
  if (authenticator->mode() == auth::AuthMode::kOff) {
    log::Warn("authentication is OFF: every caller is an administrator; local development only");
  }
  metrics::MetricsRegistry registry;
  ModuleContext context{server.region, pg, kafka, *authenticator, SystemClock::Instance(), registry};

  std::vector<std::unique_ptr<ServiceModule>> modules;
  for (const auto& [name, factory] : hosted) modules.push_back(factory(context));
  for (size_t i = 0; i < modules.size(); ++i) {
    if (absl::Status started = modules[i]->Start(); !started.ok()) {
      log::Error("service failed to start", {{"service", hosted[i].first}, {"error", started.message()}});
      for (size_t j = 0; j < i; ++j) modules[j]->Stop();
      return 1;
    }
  }

  // Debian's built-in health service carries no descriptor; touching the generated one registers
  // it, so reflection clients (grpcurl) can call grpc.health.v1.Health, not just list it.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(server.grpc_listen, grpc::InsecureServerCredentials(), &bound_port);
  for (auto& module : modules) {
    for (grpc::Service* service : module->GrpcServices()) builder.RegisterService(service);
  }
  grpcx::RpcObserver observer = [&registry](const std::string& method, grpc::StatusCode code,
                                            double seconds) {
    registry.Counter("tm_grpc_requests_total", "gRPC calls by method and status code.",
                     {{"method", method}, {"code", std::to_string(static_cast<int>(code))}})
        .Increment();
    registry.Histogram("tm_grpc_request_duration_seconds", "gRPC call latency.", {{"method", method}})
        .Observe(seconds);
  };
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<grpcx::RequestLogInterceptorFactory>(observer));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> grpc_server = builder.BuildAndStart();
  if (!grpc_server || bound_port == 0) {
    log::Error("cannot listen for gRPC", {{"address", server.grpc_listen}});
    for (auto& module : modules) module->Stop();
    return 1;
  }

  HealthMonitor health(*grpc_server->GetHealthCheckService(), modules, registry);
  health.CheckOnce();
  health.Start();
  metrics::MetricsHttpServer metrics_server(MetricsOptions(server.metrics_listen), registry,
                                            [&health] { return health.overall(); });
  if (absl::Status started = metrics_server.Start(); !started.ok()) {
    log::Error("cannot serve metrics", {{"error", started.message()}});
    health.Stop();
    grpc_server->Shutdown();
    for (auto& module : modules) module->Stop();
    return 1;
  }
  log::Info("serving", {{"grpc", server.grpc_listen},
                        {"grpc_port", bound_port},
                        {"metrics_port", metrics_server.port()},
                        {"services", static_cast<int>(modules.size())}});

  sigset_t signals = TerminationSignals();
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log::Info("draining", {{"signal", signal_number}, {"grace_ms", static_cast<long long>(server.drain.count())}});
  health.Stop();
  grpc_server->Shutdown(std::chrono::system_clock::now() + server.drain);
  for (auto& module : modules) module->Stop();
  metrics_server.Stop();
  log::Info("stopped");
  return 0;
}

}  // namespace tmk::server
