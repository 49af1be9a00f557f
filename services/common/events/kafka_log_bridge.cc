#include "services/common/events/kafka_log_bridge.h"

#include "services/common/log/logger.h"

namespace tmk::events {

void KafkaLogBridge::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR:
      log::Write(event.fatal() ? log::Level::kError : log::Level::kWarn, "kafka error",
                 {{"error", RdKafka::err2str(event.err())}, {"detail", event.str()}});
      break;
    case RdKafka::Event::EVENT_LOG: {
      // syslog severities: 0-3 error, 4 warning, 5-6 info, 7 debug.
      int severity = event.severity();
      log::Level level = severity <= 3   ? log::Level::kError
                         : severity == 4 ? log::Level::kWarn
                         : severity <= 6 ? log::Level::kInfo
                                         : log::Level::kDebug;
      log::Write(level, "kafka", {{"facility", event.fac()}, {"detail", event.str()}});
      break;
    }
    default:
      break;  // statistics and throttle events are not logged
  }
}

void RouteKafkaLogs(RdKafka::Conf& conf) {
  static KafkaLogBridge bridge;
  std::string error;
  conf.set("event_cb", &bridge, error);
}

}  // namespace tmk::events
