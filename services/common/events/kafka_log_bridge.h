#pragma once
// librdkafka reports its own logs and errors through callbacks; this sends them to the suite's
// JSON-lines log instead of librdkafka's plain stderr lines, so one parser reads everything.
#include <librdkafka/rdkafkacpp.h>

namespace tmk::events {

class KafkaLogBridge final : public RdKafka::EventCb {
 public:
  void event_cb(RdKafka::Event& event) override;
};

// Installs a process-wide bridge on `conf` (the bridge is stateless, so one serves every client).
void RouteKafkaLogs(RdKafka::Conf& conf);

}  // namespace tmk::events
