// scripts/bench outbox (issue 2): events through outbox → relay → real Kafka, against the broker's
// raw rate measured in the same run by Kafka's own ProducerPerformance at the same payload size.
//   outbox_benchmark [--events=N] [--payload-bytes=B] [--batch=K]
// Needs TM_TEST_PG_DSN, TM_TEST_KAFKA_BROKERS and TM_DEV_KAFKA_LIBS (scripts/dev-env env).
// Prints figures; exits non-zero only if an event was lost (the zero-loss half of the target).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <regex>
#include <set>

#include "services/common/core/uuid.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/outbox.h"
#include "services/common/events/outbox_relay.h"
#include "services/common/pg/migration.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"

namespace tmk::events {
namespace {

struct Settings {
  int events = 200000;
  int payload_bytes = 256;
  int batch = 2000;  // the relay's default (--kafka-relay-batch-size)
};
Settings g_settings;

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// Runs Kafka's ProducerPerformance with the relay's producer settings; returns records/s.
double RawProducerRate(const std::string& brokers, const std::string& topic, const Settings& s) {
  const char* libs = std::getenv("TM_DEV_KAFKA_LIBS");
  if (!libs) {
    ADD_FAILURE() << "TM_DEV_KAFKA_LIBS is not set (scripts/dev-env env)";
    return 0;
  }
  std::string command = "java -Xmx512m -cp '" + std::string(libs) +
                        "/*' org.apache.kafka.tools.ProducerPerformance --topic " + topic +
                        " --num-records " + std::to_string(s.events) + " --record-size " +
                        std::to_string(s.payload_bytes) +
                        " --throughput -1 --producer-props bootstrap.servers=" + brokers +
                        " acks=all enable.idempotence=true linger.ms=5 compression.type=lz4"
                        " batch.size=1000000 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  // Last line: "200000 records sent, 123456.7 records/sec (30.1 MB/sec), ..."
  std::smatch match;
  std::regex final_line(R"((\d+) records sent, ([\d.]+) records/sec)");
  std::string::const_iterator from = output.cbegin();
  double rate = 0;
  while (std::regex_search(from, output.cend(), match, final_line)) {
    rate = std::stod(match[2]);
    from = match.suffix().first;
  }
  if (rate == 0) ADD_FAILURE() << "ProducerPerformance output not understood:\n" << output;
  return rate;
}

class OutboxBenchmark : public testing::PgSchemaTest {};

TEST_F(OutboxBenchmark, RelayRateAgainstRawKafka) {
  const Settings s = g_settings;
  const std::string brokers = testing::KafkaBrokers();
  const std::string topic = "tm.bench." + schema_;
  const std::string raw_topic = "tm.bench-raw." + schema_;
  testing::CreateTopic(brokers, topic, 3);
  testing::CreateTopic(brokers, raw_topic, 3);
  ASSERT_TRUE(pg::ApplyMigrations(*pool_, EventTableMigrations()).ok());

  // 1. Business transactions write events into the outbox (100 events per transaction).
  std::set<std::string> ids;
  std::string payload(s.payload_bytes, 'x');
  auto write_start = std::chrono::steady_clock::now();
  for (int done = 0; done < s.events; done += 100) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       for (int i = done; i < std::min(done + 100, s.events); ++i) {
                         OutboundEvent e;
                         e.id = NewId();
                         e.topic = topic;
                         e.key = "aggregate-" + std::to_string(i % 1000);
                         e.type = "telemarketing.events.v1.Benchmark";
                         e.subject = "benchmarks/" + e.key;
                         e.time = SystemClock::Instance().Now();
                         e.payload = payload;
                         AppendToOutbox(tx, e);
                         ids.insert(e.id);
                       }
                       return absl::OkStatus();
                     }).ok());
  }
  double write_seconds = Seconds(std::chrono::steady_clock::now() - write_start);

  // 2. The relay drains the outbox to Kafka (acks=all, idempotent), as in production.
  KafkaConfig kafka;
  kafka.brokers = brokers;
  auto publisher = KafkaEventPublisher::Create(kafka, "bench", "bench");
  ASSERT_TRUE(publisher.ok()) << publisher.status();
  // A relay runs for the life of the service: connect and fetch metadata before timing, as the
  // raw producer test does before it counts.
  OutboundEvent warm_up;
  warm_up.id = NewId();
  warm_up.topic = topic;
  warm_up.key = "warm-up";
  warm_up.type = "telemarketing.events.v1.Benchmark";
  warm_up.time = SystemClock::Instance().Now();
  ASSERT_TRUE((*publisher)->PublishBatch({warm_up}).ok());
  ids.insert(warm_up.id);
  OutboxRelay::Options options;
  options.batch_size = s.batch;
  OutboxRelay relay(*pool_, **publisher, options);
  auto relay_start = std::chrono::steady_clock::now();
  long long relayed = 0;
  while (relayed < s.events) {
    absl::StatusOr<int> n = relay.RelayOnce();
    ASSERT_TRUE(n.ok()) << n.status();
    if (*n == 0) break;
    relayed += *n;
  }
  double relay_seconds = Seconds(std::chrono::steady_clock::now() - relay_start);

  // 3. Zero loss: every event id arrives. The topic is this run's own, so it is read from the
  // beginning, after the relay finished: a consumer fetching meanwhile would compete for the CPU
  // that the raw producer test does not share.
  testing::TopicReader reader(brokers, topic, testing::TopicReader::From::kBeginning);
  std::set<std::string> seen;
  size_t examined = 0;
  reader.ReadUntil(
      [&](const std::vector<ConsumedEvent>& got) {
        for (; examined < got.size(); ++examined) seen.insert(got[examined].id);
        return seen.size() >= ids.size();
      },
      std::chrono::seconds(120));
  long long lost = 0;
  for (const std::string& id : ids) lost += seen.count(id) ? 0 : 1;

  // 4. The broker's raw rate, same run, same payload size, same producer guarantees.
  double raw_rate = RawProducerRate(brokers, raw_topic, s);
  double relay_rate = s.events / relay_seconds;
  std::printf(
      "\noutbox benchmark: %d events of %d bytes, relay batch %d\n"
      "  outbox writes (100/tx)      %10.0f events/s\n"
      "  outbox relay -> Kafka       %10.0f events/s  (%.2f s)\n"
      "  raw ProducerPerformance     %10.0f records/s\n"
      "  relay / raw                 %10.1f %%   (target >= 50 %%)\n"
      "  lost                        %10lld       (target 0)\n",
      s.events, s.payload_bytes, s.batch, s.events / write_seconds, relay_rate, relay_seconds,
      raw_rate, raw_rate > 0 ? 100.0 * relay_rate / raw_rate : 0.0, lost);
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(relayed, s.events);
}

}  // namespace
}  // namespace tmk::events

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const std::string& name) { return std::stoi(arg.substr(name.size())); };
    if (arg.rfind("--events=", 0) == 0) tmk::events::g_settings.events = value("--events=");
    else if (arg.rfind("--payload-bytes=", 0) == 0) tmk::events::g_settings.payload_bytes = value("--payload-bytes=");
    else if (arg.rfind("--batch=", 0) == 0) tmk::events::g_settings.batch = value("--batch=");
    else {
      std::fprintf(stderr, "unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
