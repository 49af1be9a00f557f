// The outbox → relay → Kafka → inbox path on the real broker (issue 2, R31 "zero lost events").
#include <google/protobuf/timestamp.pb.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "absl/strings/str_split.h"

#include "services/common/core/uuid.h"
#include "services/common/events/cloud_events.h"
#include "services/common/events/inbox.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/outbox.h"
#include "services/common/events/outbox_relay.h"
#include "services/common/events/proto_event.h"
#include "services/common/pg/migration.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"

extern char** environ;

namespace tmk::events {
namespace {

class RelayTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    brokers_ = testing::KafkaBrokers();
    topic_ = "tm.test." + schema_;
    testing::CreateTopic(brokers_, topic_, 3);
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, EventTableMigrations()).ok());
  }

  // Appends `count` events for `keys` distinct aggregates, in transactions of 500.
  std::set<std::string> Append(int count, int keys) {
    std::set<std::string> ids;
    for (int done = 0; done < count;) {
      absl::Status status = pool_->Transact([&](pqxx::work& tx) {
        for (int i = 0; i < 500 && done + i < count; ++i) {
          google::protobuf::Timestamp payload;  // any protobuf message will do
          payload.set_seconds(done + i);
          std::string key = "aggregate-" + std::to_string((done + i) % keys);
          OutboundEvent e = MakeEvent(topic_, key, "things/" + key, payload, SystemClock::Instance());
          AppendToOutbox(tx, e);
          ids.insert(e.id);
        }
        return absl::OkStatus();
      });
      EXPECT_TRUE(status.ok()) << status;
      done += 500;
    }
    return ids;
  }

  std::string brokers_;
  std::string topic_;
};

TEST_F(RelayTest, PublishesWithCloudEventsHeadersAndEmptiesTheOutbox) {
  testing::TopicReader reader(brokers_, topic_);
  std::set<std::string> ids = Append(3, 3);
  auto publisher = KafkaEventPublisher::Create(KafkaConfig{brokers_}, "gd", "contacts");
  ASSERT_TRUE(publisher.ok()) << publisher.status();
  OutboxRelay relay(*pool_, **publisher, {});
  absl::StatusOr<int> relayed = relay.RelayOnce();
  ASSERT_TRUE(relayed.ok()) << relayed.status();
  EXPECT_EQ(*relayed, 3);
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox"), "0");
  EXPECT_EQ(Scalar("SELECT published FROM outbox_published"), "3");

  auto events = reader.ReadUntil([](const auto& got) { return got.size() >= 3; },
                                 std::chrono::seconds(30));
  ASSERT_EQ(events.size(), 3u);
  for (const ConsumedEvent& e : events) {
    EXPECT_TRUE(ids.count(e.id)) << e.id;
    ASSERT_TRUE(Uuid::Parse(e.id));
    EXPECT_EQ(Uuid::Parse(e.id)->version(), 7);
    EXPECT_EQ(e.spec_version, "1.0");
    EXPECT_EQ(e.type, "google.protobuf.Timestamp");
    EXPECT_EQ(e.source, "//telemarketing/gd/contacts");
    EXPECT_EQ(e.subject, "things/" + e.key);
    EXPECT_EQ(e.region, "gd");
    EXPECT_EQ(e.content_type, "application/protobuf");
    EXPECT_EQ(e.time.size(), std::string("2026-11-24T05:40:01.123456Z").size()) << e.time;
    EXPECT_EQ(e.time.back(), 'Z');
    google::protobuf::Timestamp decoded;
    EXPECT_TRUE(decoded.ParseFromString(e.payload));
  }
}

TEST_F(RelayTest, BrokerDownKeepsEventsInTheOutbox) {
  Append(2, 2);
  KafkaConfig unreachable{"127.0.0.1:1"};
  unreachable.message_timeout_ms = 1000;
  auto publisher = KafkaEventPublisher::Create(unreachable, "gd", "contacts");
  ASSERT_TRUE(publisher.ok());
  OutboxRelay relay(*pool_, **publisher, {});
  absl::StatusOr<int> relayed = relay.RelayOnce();
  EXPECT_EQ(relayed.status().code(), absl::StatusCode::kUnavailable) << relayed.status();
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox"), "2");
}

pid_t StartRunner(const std::string& dsn, const std::string& schema, const std::string& brokers) {
  std::string binary = testing::BuildPath("tests/outbox_relay_runner");
  std::vector<std::string> args = {binary, dsn, schema, brokers, "100"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  return pid;
}

// The durability claim itself: SIGKILL the relay in the middle of a batch (published to Kafka,
// not yet deleted from the outbox), restart it, and count.
TEST_F(RelayTest, KilledRelayLosesNothingAndTheInboxAppliesEachEventOnce) {
  constexpr int kEvents = 20000;
  testing::TopicReader reader(brokers_, topic_);
  std::set<std::string> ids = Append(kEvents, 50);
  std::vector<ConsumedEvent> consumed;
  auto read_for = [&](std::chrono::milliseconds how_long) {
    auto more = reader.ReadUntil([](const auto&) { return false; }, how_long);
    consumed.insert(consumed.end(), more.begin(), more.end());
  };

  pid_t relay = StartRunner(config_.dsn, schema_, brokers_);
  // Freeze the relay at random instants until one catches it mid-batch: some events of the
  // frozen batch are already on Kafka while their outbox rows still exist. Then kill it there.
  std::mt19937 random(std::random_device{}());
  bool mid_batch = false;
  int attempts = 0;
  while (!mid_batch && attempts < 200) {
    ++attempts;
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 20));
    ASSERT_EQ(kill(relay, SIGSTOP), 0);
    read_for(std::chrono::milliseconds(300));
    std::set<std::string> seen;
    for (const ConsumedEvent& e : consumed) seen.insert(e.id);
    std::string outbox_ids = Scalar("SELECT string_agg(event_id::text, ',') FROM outbox");
    if (outbox_ids.empty()) break;  // finished before being caught; counted below
    for (absl::string_view id : absl::StrSplit(outbox_ids, ',')) {
      if (seen.count(std::string(id))) {
        mid_batch = true;
        break;
      }
    }
    if (!mid_batch) kill(relay, SIGCONT);
  }
  ASSERT_EQ(kill(relay, SIGKILL), 0);
  int status = 0;
  waitpid(relay, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_TRUE(mid_batch) << "never caught the relay between publish and delete in " << attempts
                         << " tries";
  int left_after_kill = std::stoi(Scalar("SELECT count(*) FROM outbox"));

  relay = StartRunner(config_.dsn, schema_, brokers_);
  auto all_seen = [&] {
    std::set<std::string> seen;
    for (const ConsumedEvent& e : consumed) seen.insert(e.id);
    return seen;
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (all_seen().size() < ids.size() && std::chrono::steady_clock::now() < deadline) {
    read_for(std::chrono::milliseconds(500));
  }
  kill(relay, SIGTERM);
  waitpid(relay, &status, 0);
  EXPECT_EQ(all_seen(), ids) << "events lost";
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox"), "0");

  // Apply every delivery through an inbox, as a consuming service does: duplicates change nothing.
  ASSERT_TRUE(pool_->Transact([](pqxx::work& tx) {
                     tx.exec("CREATE TABLE applied (event_id text, key text)");
                     return absl::OkStatus();
                   }).ok());
  for (const ConsumedEvent& e : consumed) {
    absl::Status applied = pool_->Transact([&](pqxx::work& tx) {
      if (ClaimInInbox(tx, "relay-test", e)) {
        tx.exec_params("INSERT INTO applied VALUES ($1, $2)", e.id, e.key);
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(applied.ok()) << applied;
  }
  long long duplicates = static_cast<long long>(consumed.size()) - kEvents;
  EXPECT_GE(duplicates, mid_batch ? 1 : 0) << "a batch caught mid-flight is published again";
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied"), std::to_string(kEvents));
  EXPECT_EQ(Scalar("SELECT count(DISTINCT event_id) FROM applied"), std::to_string(kEvents));
  std::printf("relay killed mid-batch=%d after %d freezes with %d of %d events in the outbox; "
              "%zu delivered, %lld duplicates, %d applied once each\n",
              mid_batch, attempts, left_after_kill, kEvents, consumed.size(), duplicates, kEvents);
}

}  // namespace
}  // namespace tmk::events
