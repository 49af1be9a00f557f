#pragma once
#include <string>

namespace tmk {
class ConfigSource;
}

namespace tmk::events {

// Kafka settings shared by the relay's producer and the consumers (--kafka-…, TM_KAFKA_…).
struct KafkaConfig {
  std::string brokers;  // bootstrap.servers
  int relay_batch_size = 2000;
  int message_timeout_ms = 30000;  // how long the relay waits for acks=all before rolling back

  static KafkaConfig Read(ConfigSource& source);
};

}  // namespace tmk::events
