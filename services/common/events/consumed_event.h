#pragma once
#include <cstdint>
#include <string>

namespace tmk::events {

// An event as a consumer sees it: the CloudEvents attributes from the headers plus the payload.
struct ConsumedEvent {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string spec_version;  // ce_specversion, "1.0"
  std::string id;       // ce_id
  std::string type;     // ce_type
  std::string source;   // ce_source
  std::string subject;  // ce_subject
  std::string time;     // ce_time, RFC 3339
  std::string region;   // ce_region
  std::string content_type;
  std::string payload;
};

}  // namespace tmk::events
