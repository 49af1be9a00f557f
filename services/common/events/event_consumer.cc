#include "services/common/events/event_consumer.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "services/common/events/kafka_log_bridge.h"
#include "services/common/events/kafka_message.h"
#include "services/common/log/logger.h"

namespace tmk::events {

struct EventConsumer::Impl {
  std::string group_id;
  Handler handler;
  Batching batching;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
};

EventConsumer::EventConsumer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

EventConsumer::~EventConsumer() {
  Stop();
  if (impl_->consumer) impl_->consumer->close();
}

absl::StatusOr<std::unique_ptr<EventConsumer>> EventConsumer::Create(
    const KafkaConfig& config, std::string group_id, std::vector<std::string> topics,
    Handler handler, Batching batching) {
  auto impl = std::make_unique<Impl>();
  impl->group_id = group_id;
  impl->handler = std::move(handler);
  impl->batching = std::move(batching);
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [key, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"bootstrap.servers", config.brokers},
           {"group.id", group_id},
           {"client.id", group_id},
           {"auto.offset.reset", "earliest"},
           {"enable.auto.commit", "true"},
           // Offsets are stored by hand after the handler committed; auto-commit only flushes
           // those stored offsets periodically.
           {"enable.auto.offset.store", "false"},
           {"enable.partition.eof", "false"},
           {"isolation.level", "read_committed"},
       }) {
    if (conf->set(key, value, error) != RdKafka::Conf::CONF_OK) {
      return absl::InvalidArgumentError(absl::StrCat("kafka setting ", key, ": ", error));
    }
  }
  RouteKafkaLogs(*conf);
  impl->consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
  if (!impl->consumer) return absl::InvalidArgumentError("kafka consumer: " + error);
  if (RdKafka::ErrorCode err = impl->consumer->subscribe(topics); err != RdKafka::ERR_NO_ERROR) {
    return absl::InvalidArgumentError(absl::StrCat("kafka subscribe: ", RdKafka::err2str(err)));
  }
  return std::unique_ptr<EventConsumer>(new EventConsumer(std::move(impl)));
}

void EventConsumer::PollOnce(int timeout_ms) {
  std::vector<ConsumedEvent> batch;
  const int most = impl_->batching.handler ? std::max(1, impl_->batching.max_events) : 1;
  while (static_cast<int>(batch.size()) < most) {
    // Wait for the first event only; then take what has arrived already.
    std::unique_ptr<RdKafka::Message> message(
        impl_->consumer->consume(batch.empty() ? timeout_ms : 0));
    if (message->err() == RdKafka::ERR__TIMED_OUT) break;
    if (message->err() != RdKafka::ERR_NO_ERROR) {
      log::Warn("kafka consume error", {{"group", impl_->group_id}, {"error", message->errstr()}});
      break;
    }
    batch.push_back(ToConsumedEvent(*message));
  }
  if (batch.empty()) return;

  size_t applied = 0;
  if (batch.size() > 1) {
    absl::Status status = impl_->batching.handler(batch);
    if (status.ok()) {
      applied = batch.size();
      handled_ += static_cast<long long>(applied);
      ++batches_;
    } else {
      log::Warn("event batch failed; applying its events one by one",
                {{"group", impl_->group_id}, {"events", static_cast<long long>(batch.size())},
                 {"error", status.message()}});
    }
  }
  while (applied < batch.size() && HandleOne(batch[applied])) ++applied;

  // Offsets of what was applied (or skipped), the highest per partition.
  std::vector<RdKafka::TopicPartition*> done;
  for (size_t i = 0; i < applied; ++i) {
    const ConsumedEvent& event = batch[i];
    auto same = std::find_if(done.begin(), done.end(), [&](RdKafka::TopicPartition* p) {
      return p->topic() == event.topic && p->partition() == event.partition;
    });
    if (same == done.end()) {
      done.push_back(RdKafka::TopicPartition::create(event.topic, event.partition, event.offset + 1));
    } else if ((*same)->offset() < event.offset + 1) {
      (*same)->set_offset(event.offset + 1);
    }
  }
  if (!done.empty()) impl_->consumer->offsets_store(done);
  RdKafka::TopicPartition::destroy(done);
}

bool EventConsumer::HandleOne(const ConsumedEvent& event) {
  auto backoff = std::chrono::milliseconds(100);
  for (;;) {
    absl::Status status = impl_->handler(event);
    if (status.ok()) {
      ++handled_;
      return true;
    }
    if (absl::IsInvalidArgument(status)) {
      ++skipped_;
      log::Error("event skipped: cannot be applied",
                 {{"group", impl_->group_id}, {"topic", event.topic}, {"offset", event.offset},
                  {"ce_id", event.id}, {"error", status.message()}});
      return true;
    }
    if (stopping_) return false;  // not stored: redelivered after restart
    log::Warn("event handler failed; retrying",
              {{"group", impl_->group_id}, {"ce_id", event.id}, {"error", status.message()}});
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

void EventConsumer::Start() {
  stopping_ = false;
  thread_ = std::thread([this] {
    while (!stopping_) PollOnce(200);
  });
}

void EventConsumer::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace tmk::events
