#pragma once
#include <string>

#include "services/common/core/clock.h"

namespace tmk::events {

// One event on its way to Kafka (R31): written to the outbox in the transaction that made the
// change, published later by the OutboxRelay with CloudEvents binary-mode headers.
struct OutboundEvent {
  std::string id;       // ce_id: UUIDv7
  std::string topic;    // tm.<stream>.v1
  std::string key;      // the aggregate id; Kafka partitions by it, so per-aggregate order holds
  std::string type;     // ce_type: the payload's full protobuf name
  std::string subject;  // ce_subject: e.g. "customers/<id>"
  TimePoint time;       // ce_time
  std::string payload;  // serialized protobuf
};

}  // namespace tmk::events
