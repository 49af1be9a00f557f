// EventConsumer on the real broker: offsets are stored only after the handler's transaction
// committed, so a consumer that stops (or dies) mid-stream redelivers, and the inbox turns the
// redelivery into a no-op (issue 2).
#include "services/common/events/event_consumer.h"

#include <google/protobuf/timestamp.pb.h>

#include <atomic>
#include <thread>

#include "services/common/events/inbox.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/outbox.h"
#include "services/common/events/outbox_relay.h"
#include "services/common/events/proto_event.h"
#include "services/common/pg/migration.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"

namespace tmk::events {
namespace {

class EventConsumerTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    kafka_.brokers = testing::KafkaBrokers();
    topic_ = "tm.test." + schema_;
    group_ = "tm-test-" + schema_;
    testing::CreateTopic(kafka_.brokers, topic_, 3);
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, EventTableMigrations()).ok());
    ASSERT_TRUE(pool_->Transact([](pqxx::work& tx) {
                       tx.exec("CREATE TABLE applied (event_id text, key text)");
                       return absl::OkStatus();
                     }).ok());
  }

  void Publish(int count) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       for (int i = 0; i < count; ++i) {
                         google::protobuf::Timestamp payload;
                         payload.set_seconds(i);
                         std::string key = "k" + std::to_string(i % 7);
                         AppendToOutbox(tx, MakeEvent(topic_, key, key, payload, SystemClock::Instance()));
                       }
                       return absl::OkStatus();
                     }).ok());
    auto publisher = KafkaEventPublisher::Create(kafka_, "gd", "test");
    ASSERT_TRUE(publisher.ok());
    OutboxRelay relay(*pool_, **publisher, {});
    ASSERT_TRUE(relay.RelayOnce().ok());
  }

  // The handler a consuming service writes: effect and inbox claim in one transaction.
  EventConsumer::Handler ApplyingHandler(std::atomic<int>& calls, std::atomic<int>& fail_first) {
    return [this, &calls, &fail_first](const ConsumedEvent& e) -> absl::Status {
      ++calls;
      if (fail_first.fetch_sub(1) > 0) return absl::UnavailableError("database blinked");
      return pool_->Transact([&](pqxx::work& tx) {
        if (ClaimInInbox(tx, group_, e)) {
          tx.exec_params("INSERT INTO applied VALUES ($1, $2)", e.id, e.key);
        }
        return absl::OkStatus();
      });
    };
  }

  void ConsumeUntilApplied(EventConsumer& consumer, int count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::stoi(Scalar("SELECT count(*) FROM applied")) < count &&
           std::chrono::steady_clock::now() < deadline) {
      consumer.PollOnce(200);
    }
  }

  KafkaConfig kafka_;
  std::string topic_;
  std::string group_;
};

TEST_F(EventConsumerTest, RetriesAFailingHandlerThenAppliesEachEventOnce) {
  Publish(50);
  std::atomic<int> calls{0}, fail_first{3};
  auto consumer = EventConsumer::Create(kafka_, group_, {topic_}, ApplyingHandler(calls, fail_first));
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  ConsumeUntilApplied(**consumer, 50);
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied"), "50");
  EXPECT_EQ(calls.load(), 53);  // three transient failures, each retried
  EXPECT_EQ((*consumer)->handled(), 50);
}

TEST_F(EventConsumerTest, ARestartedConsumerResumesAfterWhatItCommittedAndRedeliveryIsANoOp) {
  Publish(200);
  std::atomic<int> calls{0}, no_failures{0};
  {
    auto first = EventConsumer::Create(kafka_, group_, {topic_}, ApplyingHandler(calls, no_failures));
    ASSERT_TRUE(first.ok());
    ConsumeUntilApplied(**first, 100);
    // Destroyed here without a final commit of everything it stored: some redelivery is expected.
  }
  int after_first = std::stoi(Scalar("SELECT count(*) FROM applied"));
  ASSERT_GE(after_first, 100);
  {
    auto second = EventConsumer::Create(kafka_, group_, {topic_}, ApplyingHandler(calls, no_failures));
    ASSERT_TRUE(second.ok());
    ConsumeUntilApplied(**second, 200);
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied"), "200");
  EXPECT_EQ(Scalar("SELECT count(DISTINCT event_id) FROM applied"), "200");
  EXPECT_EQ(Scalar("SELECT count(*) FROM inbox"), "200");
  EXPECT_LT(calls.load(), 400) << "the second consumer should resume near the committed offsets";
}

TEST_F(EventConsumerTest, AnUnapplicableEventIsSkippedNotRetriedForever) {
  Publish(5);
  std::atomic<int> calls{0};
  auto consumer = EventConsumer::Create(kafka_, group_, {topic_}, [&](const ConsumedEvent&) {
    ++calls;
    return absl::InvalidArgumentError("payload does not parse");
  });
  ASSERT_TRUE(consumer.ok());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((*consumer)->skipped() < 5 && std::chrono::steady_clock::now() < deadline) {
    (*consumer)->PollOnce(200);
  }
  EXPECT_EQ((*consumer)->skipped(), 5);
  EXPECT_EQ(calls.load(), 5);
}

// Batches: what has arrived is applied in one transaction; a batch that fails (here, one holding
// a malformed event) is applied again event by event, so the bad one is skipped alone and every
// other event is applied exactly once.
TEST_F(EventConsumerTest, BatchesApplyInOneTransactionAndABadBatchFallsBackToSingleEvents) {
  Publish(300);
  std::atomic<int> calls{0}, no_failures{0};
  auto is_bad = [](const ConsumedEvent& e) { return e.offset % 97 == 13; };
  EventConsumer::Handler single = [&](const ConsumedEvent& e) -> absl::Status {
    if (is_bad(e)) return absl::InvalidArgumentError("payload does not parse");
    return ApplyingHandler(calls, no_failures)(e);
  };
  EventConsumer::Batching batching;
  batching.max_events = 64;
  batching.handler = [&](const std::vector<ConsumedEvent>& batch) -> absl::Status {
    return pool_->Transact([&](pqxx::work& tx) -> absl::Status {
      for (const ConsumedEvent& e : batch) {
        if (is_bad(e)) return absl::InvalidArgumentError("payload does not parse");
        if (ClaimInInbox(tx, group_, e)) {
          tx.exec_params("INSERT INTO applied VALUES ($1, $2)", e.id, e.key);
        }
      }
      return absl::OkStatus();
    });
  };
  auto consumer = EventConsumer::Create(kafka_, group_, {topic_}, single, batching);
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((*consumer)->handled() + (*consumer)->skipped() < 300 &&
         std::chrono::steady_clock::now() < deadline) {
    (*consumer)->PollOnce(200);
  }
  const long long bad = (*consumer)->skipped();
  EXPECT_GT(bad, 0) << "some offsets hit the malformed pattern";
  EXPECT_EQ((*consumer)->handled() + bad, 300);
  EXPECT_GT((*consumer)->batches(), 0) << "clean batches were applied whole";
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied"), std::to_string(300 - bad));
  EXPECT_EQ(Scalar("SELECT count(DISTINCT event_id) FROM applied"), std::to_string(300 - bad));
}

}  // namespace
}  // namespace tmk::events
