#include "services/common/events/outbox.h"

#include "services/common/core/uuid.h"
#include "services/common/events/inbox.h"
#include "services/common/pg/migration.h"
#include "tests/support/pg_fixture.h"

namespace tmk::events {
namespace {

class OutboxTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, EventTableMigrations()).ok());
    ASSERT_TRUE(pool_->Transact([](pqxx::work& tx) {
                       tx.exec("CREATE TABLE things (id text PRIMARY KEY)");
                       return absl::OkStatus();
                     }).ok());
  }

  OutboundEvent Event(const std::string& key) {
    OutboundEvent e;
    e.id = NewId();
    e.topic = "tm.things.v1";
    e.key = key;
    e.type = "telemarketing.events.v1.ThingCreated";
    e.subject = "things/" + key;
    e.time = SystemClock::Instance().Now();
    e.payload = std::string("\x00\x01binary\xff", 9);
    return e;
  }
};

TEST_F(OutboxTest, CommittedChangeAndItsEventLandTogether) {
  OutboundEvent e = Event("a");
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     tx.exec_params("INSERT INTO things VALUES ($1)", e.key);
                     AppendToOutbox(tx, e);
                     return absl::OkStatus();
                   }).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM things"), "1");
  EXPECT_EQ(Scalar("SELECT event_id::text FROM outbox"), e.id);
  EXPECT_EQ(Scalar("SELECT length(payload) FROM outbox"), "9");  // bytes survive as bytes
}

TEST_F(OutboxTest, RolledBackChangeLeavesNoEvent) {
  absl::Status status = pool_->Transact([&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO things VALUES ($1)", "b");
    AppendToOutbox(tx, Event("b"));
    return absl::FailedPreconditionError("business rule refused the change");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Scalar("SELECT count(*) FROM things"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox"), "0");
}

TEST_F(OutboxTest, AFailedStatementRollsBackTheEventToo) {
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     tx.exec_params("INSERT INTO things VALUES ($1)", "c");
                     return absl::OkStatus();
                   }).ok());
  absl::Status status = pool_->Transact([&](pqxx::work& tx) {
    AppendToOutbox(tx, Event("c"));
    tx.exec_params("INSERT INTO things VALUES ($1)", "c");  // duplicate key
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox"), "0");
}

// The inbox claims a batch as it claims its events one by one: an event applied before, and a
// batch's second copy of an id, are not applied again; another consumer claims them afresh.
TEST_F(OutboxTest, ABatchIsClaimedInTheInboxAsItsEventsOneByOne) {
  auto event = [](const std::string& id) {
    ConsumedEvent e;
    e.id = id;
    e.type = "telemarketing.events.v1.ThingCreated";
    e.source = "things";
    return e;
  };
  const std::vector<ConsumedEvent> batch = {event("new-1"), event("seen"), event("new-2"),
                                            event("new-1")};
  std::vector<bool> fresh, elsewhere;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     EXPECT_TRUE(ClaimInInbox(tx, "reporting", event("seen")));
                     fresh = ClaimAllInInbox(tx, "reporting", batch);
                     elsewhere = ClaimAllInInbox(tx, "qa", batch);
                     return absl::OkStatus();
                   }).ok());
  EXPECT_EQ(fresh, (std::vector<bool>{true, false, true, false}));
  EXPECT_EQ(elsewhere, (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM inbox"), "6");
}

}  // namespace
}  // namespace tmk::events
