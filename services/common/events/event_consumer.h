#pragma once
// Consumes Kafka events for a handler and commits an offset only after the handler's transaction
// committed: a crash between the two redelivers the event, which the inbox then skips.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/events/consumed_event.h"
#include "services/common/events/kafka_config.h"

namespace tmk::events {

// Applying several events at once — typically in one transaction, so a projection catching up
// pays one commit per batch instead of one per event. The handler's OK means every event of the
// batch was applied (in order); any error makes the consumer apply that batch's events one by one
// through its single-event Handler instead, so a malformed event is still skipped alone and
// nothing is lost.
struct EventBatching {
  using Handler = std::function<absl::Status(const std::vector<ConsumedEvent>&)>;
  Handler handler;       // none: every event goes through the single-event Handler
  int max_events = 500;  // what arrived already, up to this many, after the first event
};

class EventConsumer {
 public:
  // INVALID_ARGUMENT from the handler means the event can never be applied (a malformed payload):
  // it is logged and skipped. Any other error is retried with backoff, holding the partition, so
  // per-key order is never broken.
  using Handler = std::function<absl::Status(const ConsumedEvent&)>;
  using BatchHandler = EventBatching::Handler;
  using Batching = EventBatching;

  static absl::StatusOr<std::unique_ptr<EventConsumer>> Create(const KafkaConfig& config,
                                                               std::string group_id,
                                                               std::vector<std::string> topics,
                                                               Handler handler,
                                                               Batching batching);
  // Every event through the Handler. (Not a default argument: GCC cannot default a nested
  // struct with member initializers inside its enclosing class.)
  static absl::StatusOr<std::unique_ptr<EventConsumer>> Create(const KafkaConfig& config,
                                                               std::string group_id,
                                                               std::vector<std::string> topics,
                                                               Handler handler);
  ~EventConsumer();

  void Start();
  void Stop();

  // Polls once (up to `timeout_ms`) and handles what arrived; for tests that step explicitly.
  void PollOnce(int timeout_ms);
  // Batches the BatchHandler applied whole (each counted in handled() too).
  long long batches() const { return batches_.load(); }

  long long handled() const { return handled_.load(); }
  long long skipped() const { return skipped_.load(); }

 private:
  struct Impl;
  explicit EventConsumer(std::unique_ptr<Impl> impl);
  // Applies one event through the Handler, retrying transient errors; false only when stopping
  // interrupted the retries (the event stays unstored, redelivered after a restart).
  bool HandleOne(const ConsumedEvent& event);
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> handled_{0};
  std::atomic<long long> skipped_{0};
  std::atomic<long long> batches_{0};
  std::thread thread_;
};

inline absl::StatusOr<std::unique_ptr<EventConsumer>> EventConsumer::Create(
    const KafkaConfig& config, std::string group_id, std::vector<std::string> topics,
    Handler handler) {
  return Create(config, std::move(group_id), std::move(topics), std::move(handler), Batching{});
}

}  // namespace tmk::events
