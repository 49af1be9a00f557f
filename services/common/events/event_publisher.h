#pragma once
#include <vector>

#include "absl/status/status.h"
#include "services/common/events/outbound_event.h"

namespace tmk::events {

// Where the outbox relay sends events. The production implementation is Kafka; the seam exists
// so relay logic can be tested with injected broker faults.
class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  // Returns OK only when every event was acknowledged by the broker (acks=all); on error some may
  // have been delivered, which the consumers' inbox makes harmless.
  virtual absl::Status PublishBatch(const std::vector<OutboundEvent>& events) = 0;
  // Whether the broker answers now (health checking); must return within about a second.
  virtual bool Reachable() = 0;
};

}  // namespace tmk::events
