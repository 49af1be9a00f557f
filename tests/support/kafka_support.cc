#include "tests/support/kafka_support.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <thread>

#include "services/common/events/kafka_message.h"

namespace tmk::testing {

void SkipBacklog(const std::string& brokers, const std::string& group,
                 const std::vector<std::string>& topics) {
  std::string error;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", brokers, error);
  conf->set("group.id", group, error);
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(conf.get(), error));
  ASSERT_NE(consumer, nullptr) << error;
  std::vector<RdKafka::TopicPartition*> ends;
  for (const std::string& topic : topics) {
    RdKafka::Metadata* metadata = nullptr;
    std::unique_ptr<RdKafka::Topic> handle(
        RdKafka::Topic::create(consumer.get(), topic, nullptr, error));
    ASSERT_EQ(consumer->metadata(false, handle.get(), &metadata, 10000), RdKafka::ERR_NO_ERROR);
    for (const RdKafka::PartitionMetadata* p : *metadata->topics()->at(0)->partitions()) {
      int64_t low = 0, high = 0;
      if (consumer->query_watermark_offsets(topic, p->id(), &low, &high, 10000) ==
          RdKafka::ERR_NO_ERROR) {
        ends.push_back(RdKafka::TopicPartition::create(topic, p->id(), high));
      }
    }
    delete metadata;
  }
  consumer->commitSync(ends);
  RdKafka::TopicPartition::destroy(ends);
  consumer->close();
}
void CreateTopic(const std::string& brokers, const std::string& topic, int partitions) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), error, sizeof error);
  rd_kafka_t* admin = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  ASSERT_NE(admin, nullptr) << error;
  rd_kafka_NewTopic_t* spec = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, error, sizeof error);
  rd_kafka_queue_t* queue = rd_kafka_queue_new(admin);
  rd_kafka_CreateTopics(admin, &spec, 1, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  ASSERT_NE(event, nullptr) << "CreateTopics timed out";
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event);
  size_t count = 0;
  const rd_kafka_topic_result_t** topics = rd_kafka_CreateTopics_result_topics(result, &count);
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(topics[i]);
    EXPECT_TRUE(err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        << rd_kafka_err2str(err);
  }
  rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(spec);
  rd_kafka_destroy(admin);
}

struct TopicReader::Impl {
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
};

TopicReader::TopicReader(const std::string& brokers, const std::string& topic, From from)
    : impl_(std::make_unique<Impl>()) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  conf->set("bootstrap.servers", brokers, error);
  conf->set("group.id", "tm-test-reader", error);  // never commits: assign() only
  conf->set("enable.auto.commit", "false", error);
  impl_->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
  if (!impl_->consumer) {
    ADD_FAILURE() << "kafka consumer: " << error;
    return;
  }
  // A topic created moments ago may not have leaders yet: wait until every partition has one.
  std::vector<int32_t> partitions;
  std::unique_ptr<RdKafka::Topic> handle(
      RdKafka::Topic::create(impl_->consumer.get(), topic, nullptr, error));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (partitions.empty() && std::chrono::steady_clock::now() < deadline) {
    RdKafka::Metadata* metadata = nullptr;
    RdKafka::ErrorCode err = impl_->consumer->metadata(false, handle.get(), &metadata, 5000);
    if (err == RdKafka::ERR_NO_ERROR && !metadata->topics()->empty() &&
        metadata->topics()->at(0)->err() == RdKafka::ERR_NO_ERROR) {
      bool all_led = true;
      std::vector<int32_t> found;
      for (const RdKafka::PartitionMetadata* p : *metadata->topics()->at(0)->partitions()) {
        all_led = all_led && p->leader() >= 0 && p->err() == RdKafka::ERR_NO_ERROR;
        found.push_back(p->id());
      }
      if (all_led) partitions = found;
    }
    delete metadata;
    if (partitions.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (partitions.empty()) {
    ADD_FAILURE() << "topic " << topic << " has no led partitions after 30 s";
    return;
  }
  std::vector<RdKafka::TopicPartition*> assignment;
  for (int32_t partition : partitions) {
    int64_t low = 0, high = 0;
    RdKafka::ErrorCode err =
        impl_->consumer->query_watermark_offsets(topic, partition, &low, &high, 10000);
    if (err != RdKafka::ERR_NO_ERROR) {
      ADD_FAILURE() << "watermarks of " << topic << "/" << partition << ": " << RdKafka::err2str(err);
    }
    assignment.push_back(
        RdKafka::TopicPartition::create(topic, partition, from == From::kNow ? high : low));
  }
  impl_->consumer->assign(assignment);
  RdKafka::TopicPartition::destroy(assignment);
}

TopicReader::~TopicReader() {
  if (impl_->consumer) impl_->consumer->close();
}

std::vector<events::ConsumedEvent> TopicReader::ReadUntil(
    const std::function<bool(const std::vector<events::ConsumedEvent>&)>& done,
    std::chrono::milliseconds timeout) {
  std::vector<events::ConsumedEvent> out;
  if (!impl_->consumer) return out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done(out) && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(impl_->consumer->consume(200));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    events::ConsumedEvent e = events::ToConsumedEvent(*m);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace tmk::testing
