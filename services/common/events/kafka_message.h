#pragma once
// Reading a Kafka record back into a ConsumedEvent: CloudEvents attributes from the `ce_` headers.
#include <librdkafka/rdkafkacpp.h>

#include "services/common/events/consumed_event.h"

namespace tmk::events {

ConsumedEvent ToConsumedEvent(RdKafka::Message& message);

}  // namespace tmk::events
