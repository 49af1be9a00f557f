#include "services/common/events/kafka_message.h"

#include "services/common/events/cloud_events.h"

namespace tmk::events {
namespace {

std::string Header(RdKafka::Headers* headers, const std::string& name) {
  if (!headers) return "";
  RdKafka::Headers::Header h = headers->get_last(name);
  if (h.err() != RdKafka::ERR_NO_ERROR || !h.value()) return "";
  return std::string(static_cast<const char*>(h.value()), h.value_size());
}

}  // namespace

ConsumedEvent ToConsumedEvent(RdKafka::Message& message) {
  ConsumedEvent e;
  e.topic = message.topic_name();
  e.partition = message.partition();
  e.offset = message.offset();
  if (message.key()) e.key = *message.key();
  RdKafka::Headers* headers = message.headers();
  e.spec_version = Header(headers, ce::kSpecVersion);
  e.id = Header(headers, ce::kId);
  e.type = Header(headers, ce::kType);
  e.source = Header(headers, ce::kSource);
  e.subject = Header(headers, ce::kSubject);
  e.time = Header(headers, ce::kTime);
  e.region = Header(headers, ce::kRegion);
  e.content_type = Header(headers, ce::kContentType);
  e.payload.assign(static_cast<const char*>(message.payload()), message.len());
  return e;
}

}  // namespace tmk::events
