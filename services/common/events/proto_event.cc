#include "services/common/events/proto_event.h"

#include <google/protobuf/message.h>

#include "services/common/core/uuid.h"

namespace tmk::events {

OutboundEvent MakeEvent(std::string topic, std::string key, std::string subject,
                        const google::protobuf::Message& payload, const Clock& clock) {
  OutboundEvent event;
  TimePoint now = clock.Now();
  event.id = Uuid::V7(now).ToString();
  event.topic = std::move(topic);
  event.key = std::move(key);
  event.type = payload.GetDescriptor()->full_name();
  event.subject = std::move(subject);
  event.time = now;
  event.payload = payload.SerializeAsString();
  return event;
}

}  // namespace tmk::events
