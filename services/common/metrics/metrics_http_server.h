#pragma once
// The HTTP endpoint Prometheus scrapes: GET /metrics (text format 0.0.4) and GET /healthz for
// plain HTTP probes. Deliberately tiny: one thread, one connection at a time, short I/O timeouts,
// "Connection: close". A scrape every few seconds needs nothing more, and a slow or hostile client
// can hold the thread for one timeout at most.
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "services/common/metrics/metrics_registry.h"

namespace tmk::metrics {

class MetricsHttpServer {
 public:
  struct Options {
    // Numeric address or host name; "0.0.0.0" or "::" for all interfaces.
    std::string host = "0.0.0.0";
    // 0 picks a free port (tests); port() tells which.
    int port = 9464;
    // Budget for reading one request and writing its response.
    std::chrono::milliseconds io_timeout{2000};
  };

  // `registry` must outlive the server. `healthy` runs on the server thread for each /healthz; an
  // empty function means always healthy.
  MetricsHttpServer(Options options, const MetricsRegistry& registry,
                    std::function<bool()> healthy);
  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;
  ~MetricsHttpServer();  // Stops.

  // Binds and starts serving. Errors name the address: InvalidArgument when it does not resolve,
  // Unavailable when it cannot be bound, FailedPrecondition when already started.
  absl::Status Start();
  // Wakes the server thread and joins it. Idempotent.
  void Stop();

  // The bound port once started (the real one when Options::port was 0), else 0.
  int port() const { return bound_port_; }

 private:
  void Run();
  void HandleConnection(int fd);
  void Respond(int fd, std::chrono::steady_clock::time_point deadline, int status,
               std::string_view reason, std::string_view content_type, std::string_view body,
               std::string_view extra_headers = {});

  const Options options_;
  const MetricsRegistry& registry_;
  const std::function<bool()> healthy_;
  int listen_fd_ = -1;
  int stop_fd_ = -1;  // eventfd: Stop() writes it, poll() in Run() wakes
  int bound_port_ = 0;
  std::thread thread_;
};

}  // namespace tmk::metrics
