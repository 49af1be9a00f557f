#include "services/common/events/kafka_event_publisher.h"

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "services/common/events/cloud_events.h"
#include "services/common/events/kafka_log_bridge.h"
#include "services/common/log/logger.h"

namespace tmk::events {
namespace {

// Delivery outcome of one batch, shared by the reports of its messages.
struct BatchResult {
  std::atomic<int> pending{0};
  std::mutex mu;
  std::string first_error;
};

class DeliveryReports final : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    auto* batch = static_cast<BatchResult*>(message.msg_opaque());
    if (!batch) return;
    if (message.err() != RdKafka::ERR_NO_ERROR) {
      std::lock_guard<std::mutex> lock(batch->mu);
      if (batch->first_error.empty()) batch->first_error = message.errstr();
    }
    batch->pending.fetch_sub(1);
  }
};

absl::Status Set(RdKafka::Conf& conf, const std::string& key, const std::string& value) {
  std::string error;
  if (conf.set(key, value, error) != RdKafka::Conf::CONF_OK) {
    return absl::InvalidArgumentError(absl::StrCat("kafka setting ", key, ": ", error));
  }
  return absl::OkStatus();
}

}  // namespace

struct KafkaEventPublisher::Impl {
  KafkaConfig config;
  std::string source;
  std::string region;
  DeliveryReports reports;
  std::unique_ptr<RdKafka::Conf> conf;  // kept to recreate the producer after a fatal error
  std::mutex mu;  // one batch at a time: the relay is single-threaded per service anyway
  // Guards only the pointer, replaced after a fatal error; health checks read it without waiting
  // for a batch that may be stuck on an unreachable broker.
  std::mutex producer_mu;
  std::shared_ptr<RdKafka::Producer> producer;

  std::shared_ptr<RdKafka::Producer> Producer() {
    std::lock_guard<std::mutex> lock(producer_mu);
    return producer;
  }
};

KafkaEventPublisher::KafkaEventPublisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

KafkaEventPublisher::~KafkaEventPublisher() {
  if (auto producer = impl_->Producer()) producer->flush(5000);
}

absl::StatusOr<std::unique_ptr<KafkaEventPublisher>> KafkaEventPublisher::Create(
    const KafkaConfig& config, std::string region, std::string service) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->source = ce::Source(region, service);
  impl->region = region;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [key, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"bootstrap.servers", config.brokers},
           {"client.id", "tm-" + service + "-relay"},
           {"enable.idempotence", "true"},
           {"acks", "all"},
           {"partitioner", "murmur2_random"},
           {"linger.ms", "5"},
           {"batch.num.messages", "10000"},
           {"compression.type", "lz4"},
           {"message.timeout.ms", std::to_string(config.message_timeout_ms)},
       }) {
    if (auto status = Set(*conf, key, value); !status.ok()) return status;
  }
  RouteKafkaLogs(*conf);
  if (conf->set("dr_cb", &impl->reports, error) != RdKafka::Conf::CONF_OK) {
    return absl::InternalError("kafka dr_cb: " + error);
  }
  impl->producer.reset(RdKafka::Producer::create(conf.get(), error));
  if (!impl->producer) return absl::InvalidArgumentError("kafka producer: " + error);
  impl->conf = std::move(conf);
  return std::unique_ptr<KafkaEventPublisher>(new KafkaEventPublisher(std::move(impl)));
}

bool KafkaEventPublisher::Reachable() {
  std::shared_ptr<RdKafka::Producer> producer = impl_->Producer();
  if (!producer) return false;
  RdKafka::Metadata* metadata = nullptr;
  // A metadata request for no topic in particular: answered only by a live broker.
  RdKafka::ErrorCode err = producer->metadata(false, nullptr, &metadata, 1000);
  delete metadata;
  return err == RdKafka::ERR_NO_ERROR;
}

absl::Status KafkaEventPublisher::PublishBatch(const std::vector<OutboundEvent>& events) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::shared_ptr<RdKafka::Producer> current = impl_->Producer();
  if (!current) return absl::UnavailableError("kafka producer could not be recreated");
  RdKafka::Producer& producer = *current;
  BatchResult batch;
  batch.pending = static_cast<int>(events.size());
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(impl_->config.message_timeout_ms + 5000);
  absl::Status produce_error;
  for (size_t i = 0; i < events.size() && produce_error.ok(); ++i) {
    const OutboundEvent& e = events[i];
    RdKafka::Headers* headers = RdKafka::Headers::create();
    headers->add(ce::kSpecVersion, "1.0");
    headers->add(ce::kId, e.id);
    headers->add(ce::kSource, impl_->source);
    headers->add(ce::kType, e.type);
    headers->add(ce::kTime, ce::FormatTime(e.time));
    headers->add(ce::kSubject, e.subject);
    headers->add(ce::kRegion, impl_->region);
    headers->add(ce::kContentType, ce::kProtobufContentType);
    long long timestamp_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(e.time.time_since_epoch()).count();
    for (;;) {
      RdKafka::ErrorCode err = producer.produce(
          e.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
          const_cast<char*>(e.payload.data()), e.payload.size(), e.key.data(), e.key.size(),
          timestamp_ms, headers, &batch);
      if (err == RdKafka::ERR_NO_ERROR) break;  // librdkafka now owns the headers
      if (err == RdKafka::ERR__QUEUE_FULL && std::chrono::steady_clock::now() < deadline) {
        producer.poll(50);
        continue;
      }
      delete headers;
      produce_error = absl::UnavailableError(
          absl::StrCat("kafka produce to ", e.topic, ": ", RdKafka::err2str(err)));
      batch.pending.fetch_sub(static_cast<int>(events.size() - i));  // never queued
      break;
    }
    producer.poll(0);
  }
  // flush() sends at once instead of waiting out linger.ms, then serves the delivery reports.
  while (batch.pending.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    producer.flush(100);
  }
  if (batch.pending.load() > 0) {
    // Reports must never outlive this stack frame: purged messages report ERR__PURGE_*.
    producer.purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    while (batch.pending.load() > 0) producer.poll(50);
    if (produce_error.ok()) {
      produce_error = absl::UnavailableError("kafka did not acknowledge the batch in time");
    }
  }
  std::string fatal;
  if (producer.fatal_error(fatal) != RdKafka::ERR_NO_ERROR) {
    // An idempotent producer that hit a fatal error refuses all further work: start afresh.
    log::Error("kafka producer fatal error; recreating", {{"error", fatal}});
    std::string error;
    std::shared_ptr<RdKafka::Producer> fresh(RdKafka::Producer::create(impl_->conf.get(), error));
    if (!fresh) log::Error("kafka producer recreate failed", {{"error", error}});
    std::lock_guard<std::mutex> swap(impl_->producer_mu);
    impl_->producer = std::move(fresh);
  }
  if (!produce_error.ok()) return produce_error;
  std::lock_guard<std::mutex> error_lock(batch.mu);
  if (!batch.first_error.empty()) {
    return absl::UnavailableError("kafka delivery failed: " + batch.first_error);
  }
  return absl::OkStatus();
}

}  // namespace tmk::events
