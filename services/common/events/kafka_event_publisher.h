#pragma once
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/events/event_publisher.h"
#include "services/common/events/kafka_config.h"

namespace tmk::events {

// Publishes with an idempotent librdkafka producer (acks=all, no reordering on retry) and the
// Java client's murmur2 partitioner, so a key lands on the partition a Java producer would pick.
class KafkaEventPublisher final : public EventPublisher {
 public:
  static absl::StatusOr<std::unique_ptr<KafkaEventPublisher>> Create(const KafkaConfig& config,
                                                                     std::string region,
                                                                     std::string service);
  ~KafkaEventPublisher() override;
  absl::Status PublishBatch(const std::vector<OutboundEvent>& events) override;
  bool Reachable() override;

 private:
  struct Impl;
  explicit KafkaEventPublisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmk::events
