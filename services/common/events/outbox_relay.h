#pragma once
// Moves committed outbox rows to Kafka (R31, "zero lost events"). A row is deleted only in the
// transaction that saw the broker acknowledge it, so a relay killed at any instant republishes at
// most the batch it was holding; consumers' inboxes make those duplicates harmless.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/events/event_publisher.h"

namespace tmk::pg {
class PgPool;
}
namespace tmk::metrics {
class Counter;
}

namespace tmk::events {

class OutboxRelay {
 public:
  struct Options {
    int batch_size = 2000;
    // LISTEN/NOTIFY only hints that rows arrived; the relay still polls this often, so a lost
    // notification (or one sent while the listener reconnected) delays, never loses, an event.
    std::chrono::milliseconds idle_poll{500};
    // Kafka unreachable for longer than this makes the service report NOT_SERVING.
    std::chrono::milliseconds unhealthy_after{10000};
    metrics::Counter* published_counter = nullptr;  // optional
  };

  // `pool` must belong to the service whose schema holds the outbox.
  OutboxRelay(pg::PgPool& pool, EventPublisher& publisher, Options options);
  ~OutboxRelay();

  void Start();
  // Finishes the batch in flight, then returns.
  void Stop();

  // Publishes at most one batch; returns how many rows were published. Exposed for tests and
  // benchmarks that drive the relay step by step.
  absl::StatusOr<int> RelayOnce();

  // Observed by metrics: events handed to Kafka since start.
  long long published() const { return published_.load(); }
  // False while batches have been failing for longer than Options::unhealthy_after.
  bool healthy() const;

 private:
  void Run();

  pg::PgPool& pool_;
  EventPublisher& publisher_;
  const Options options_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> published_{0};
  std::atomic<long long> failing_since_ms_{0};  // steady-clock millis of the first failure; 0 = ok
  std::thread thread_;
};

}  // namespace tmk::events
