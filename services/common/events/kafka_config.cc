#include "services/common/events/kafka_config.h"

#include "services/common/config/config_source.h"

namespace tmk::events {

KafkaConfig KafkaConfig::Read(ConfigSource& source) {
  KafkaConfig config;
  config.brokers = source.RequiredString("kafka-brokers");
  config.relay_batch_size = source.Int("kafka-relay-batch-size", config.relay_batch_size, 1, 10000);
  config.message_timeout_ms =
      source.Int("kafka-message-timeout-ms", config.message_timeout_ms, 1000, 300000);
  return config;
}

}  // namespace tmk::events
