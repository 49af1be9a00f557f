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

class EventConsumer {
 public:
  // INVALID_ARGUMENT from the handler means the event can never be applied (a malformed payload):
  // it is logged and skipped. Any other error is retried with backoff, holding the partition, so
  // per-key order is never broken.
  using Handler = std::function<absl::Status(const ConsumedEvent&)>;

  static absl::StatusOr<std::unique_ptr<EventConsumer>> Create(const KafkaConfig& config,
                                                               std::string group_id,
                                                               std::vector<std::string> topics,
                                                               Handler handler);
  ~EventConsumer();

  void Start();
  void Stop();

  // Polls once (up to `timeout_ms`) and handles what arrived; for tests that step explicitly.
  void PollOnce(int timeout_ms);

  long long handled() const { return handled_.load(); }
  long long skipped() const { return skipped_.load(); }

 private:
  struct Impl;
  explicit EventConsumer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> handled_{0};
  std::atomic<long long> skipped_{0};
  std::thread thread_;
};

}  // namespace tmk::events
