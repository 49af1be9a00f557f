#pragma once
#include <string>

#include "services/common/core/clock.h"
#include "services/common/events/outbound_event.h"

namespace google::protobuf {
class Message;
}

namespace tmk::events {

// Builds an OutboundEvent whose ce_type is the message's full protobuf name, so any integrator
// can pick the decoder from the shipped descriptor set.
OutboundEvent MakeEvent(std::string topic, std::string key, std::string subject,
                        const google::protobuf::Message& payload, const Clock& clock);

}  // namespace tmk::events
