// Rows written in clear before encryption at rest (R6): migration 0006 moves their identifiers
// into legacy columns, PlaintextRowSealer seals them at start-up, and afterwards nothing is left
// in clear while every store reads them back and every lookup finds them.
#include "services/contacts/store/plaintext_row_sealer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/pg/migration.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/dnc_store.h"
#include "tests/contacts/store/plaintext_scan.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;

constexpr char kName[] = "旧数据张伟";
constexpr char kStreet[] = "旧数据路1号";
constexpr char kE164[] = "+8613811112222";
constexpr char kBlockedE164[] = "+8613833334444";

class PlaintextRowSealerTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, events::EventTableMigrations()).ok());
    std::vector<pg::Migration> before_encryption;
    for (const pg::Migration& m : Migrations()) {
      if (m.name < "0006") before_encryption.push_back(m);
    }
    absl::Status migrated = pg::ApplyMigrations(*pool_, before_encryption);
    ASSERT_TRUE(migrated.ok()) << migrated;
  }

  void Run(const std::function<void(pqxx::work&)>& body) {
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      body(tx);
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
  }

  // What the stores of migrations 0001-0005 wrote: one customer with a mobile, a history row, a
  // number-only DNC entry and import row errors quoting numbers.
  void WriteAsBeforeEncryption() {
    customer_id_ = NewId();
    point_id_ = NewId();
    change_id_ = NewId();
    dnc_entry_id_ = NewId();
    v1::Customer record;
    record.set_customer_id(customer_id_);
    record.set_region_id("gd");
    record.set_display_name(kName);
    record.mutable_residence()->set_street_address(kStreet);
    v1::DncEntry dnc;
    dnc.set_dnc_entry_id(dnc_entry_id_);
    dnc.set_scope(v1::DNC_SCOPE_GLOBAL);
    dnc.set_phone_number(kBlockedE164);
    const std::string record_bytes = record.SerializeAsString();
    const std::string dnc_bytes = dnc.SerializeAsString();
    const std::string job_id = NewId();
    Run([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO customers (customer_id, region_id, display_name, kind, record,"
          " hlc_wall_millis, hlc_logical, hlc_node, create_time, update_time)"
          " VALUES ($1::uuid, 'gd', $2, 1, $3, 1, 0, 'gd', now(), now())",
          customer_id_, kName, pqxx::binarystring(record_bytes.data(), record_bytes.size()));
      tx.exec_params(
          "INSERT INTO contact_points (contact_point_id, customer_id, position, type, value,"
          " normalized_value, status, create_time) VALUES ($1::uuid, $2::uuid, 0, 1,"
          " '138 1111 2222', $3, 2, now())",
          point_id_, customer_id_, kE164);
      tx.exec_params(
          "INSERT INTO profile_changes (change_id, customer_id, field_path, old_value, new_value,"
          " actor_id, actor_role, actor_region, origin, region_id, change_time, hlc_wall_millis,"
          " hlc_logical, hlc_node) VALUES ($1::uuid, $2::uuid, 'display_name', NULL,"
          " to_jsonb($3::text), 'agent-1', 1, 'gd', 1, 'gd', now(), 1, 0, 'gd')",
          change_id_, customer_id_, kName);
      tx.exec_params(
          "INSERT INTO dnc_entries (dnc_entry_id, scope, region_id, phone_e164, channel, reason,"
          " create_time, record) VALUES ($1::uuid, 1, 'gd', $2, 0, 1, now(), $3)",
          dnc_entry_id_, kBlockedE164, pqxx::binarystring(dnc_bytes.data(), dnc_bytes.size()));
      tx.exec_params(
          "INSERT INTO import_jobs (import_job_id, state, record) VALUES ($1::uuid, 3, ''::bytea)",
          job_id);
      tx.exec_params(
          "INSERT INTO import_row_errors (import_job_id, line_number, seq, field_path, reason,"
          " message) VALUES ($1::uuid, 2, 0, 'contact_points', 7, '+8613811112222 already"
          " belongs to a customer or an earlier row'), ($1::uuid, 3, 0, 'contact_points.mobile',"
          " 3, '''1381111222'': a mobile number has 11 digits')",
          job_id);
    });
  }

  std::set<std::string> Leaks() {
    std::set<std::string> leaks;
    Run([&](pqxx::work& tx) {
      leaks = ColumnsContaining(tx, schema_,
                                {kName, kStreet, kE164, "13811112222", "138 1111 2222",
                                 "1381111222", "13833334444"});
    });
    return leaks;
  }

  absl::Status MigrateToEncryption() { return pg::ApplyMigrations(*pool_, Migrations()); }

  std::string customer_id_, point_id_, change_id_, dnc_entry_id_;
};

TEST_F(PlaintextRowSealerTest, SealsEveryRowWrittenInClearAndScrubsRowErrors) {
  WriteAsBeforeEncryption();
  ASSERT_TRUE(MigrateToEncryption().ok());
  // The migration alone cannot encrypt: the identifiers wait in legacy columns, unserved.
  EXPECT_EQ(Leaks(), (std::set<std::string>{
                         "contact_points.legacy_normalized_value", "contact_points.legacy_value",
                         "customers.legacy_record", "dnc_entries.legacy_record",
                         "profile_changes.legacy_new_value"}));

  PlaintextRowSealer sealer(TestCipher());
  absl::StatusOr<long long> sealed = sealer.SealAll(*pool_, /*batch_size=*/1);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(*sealed, 4);
  EXPECT_EQ(Leaks(), std::set<std::string>{});
  EXPECT_EQ(Scalar("SELECT string_agg(message, ' | ' ORDER BY line_number) FROM import_row_errors"),
            "the phone number already belongs to a customer or an earlier row | "
            "a mobile number has 11 digits");
  // Idempotent: nothing left, nothing done.
  sealed = sealer.SealAll(*pool_);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(*sealed, 0);
}

TEST_F(PlaintextRowSealerTest, SealedRowsReadBackAndAreFoundByIndex) {
  WriteAsBeforeEncryption();
  ASSERT_TRUE(MigrateToEncryption().ok());
  ASSERT_TRUE(PlaintextRowSealer(TestCipher()).SealAll(*pool_).ok());

  CustomerStore customers(TestCipher());
  std::optional<v1::Customer> found;
  std::vector<v1::ProfileChange> history;
  std::optional<DncStore::Stored> dnc;
  std::vector<std::string> by_phone, by_name;
  std::vector<DncStore::Target> blocked;
  Run([&](pqxx::work& tx) {
    found = customers.Find(tx, customer_id_);
    history = CustomerHistoryStore(TestCipher()).List(tx, customer_id_, {}, "", 10);
    dnc = DncStore(TestCipher()).Find(tx, dnc_entry_id_);
    by_phone = customers.IdsByPhone(tx, kE164, "gd", 10);
    by_name = customers.SearchIds(tx, {"", "", "", kName}, "TRUE", {}, 0, 10);
    blocked = DncStore(TestCipher()).ForTargets(tx, {}, {TestCipher().ContactIndex(kBlockedE164)});
  });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->display_name(), kName);
  EXPECT_EQ(found->residence().street_address(), kStreet);
  ASSERT_EQ(found->contact_points_size(), 1);
  EXPECT_EQ(found->contact_points(0).value(), "138 1111 2222");
  EXPECT_EQ(found->contact_points(0).normalized_value(), kE164);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].old_value().kind_case(), google::protobuf::Value::kNullValue);
  EXPECT_EQ(history[0].new_value().string_value(), kName);
  ASSERT_TRUE(dnc.has_value());
  EXPECT_EQ(dnc->entry.phone_number(), kBlockedE164);
  EXPECT_EQ(by_phone, std::vector<std::string>{customer_id_});
  EXPECT_EQ(by_name, std::vector<std::string>{customer_id_});
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked[0].fact.dnc_entry_id, dnc_entry_id_);
}

// Several replicas start together: a batch skips rows another one holds, and SealAll returns only
// once they are sealed by whoever holds them.
TEST_F(PlaintextRowSealerTest, WaitsForRowsAnotherReplicaIsSealing) {
  WriteAsBeforeEncryption();
  ASSERT_TRUE(MigrateToEncryption().ok());
  PlaintextRowSealer sealer(TestCipher());
  pqxx::connection other(config_.dsn);
  pqxx::work holder(other);
  holder.exec("SET LOCAL search_path TO " + holder.quote_name(schema_));
  ASSERT_EQ(sealer.SealBatch(holder, 100), 4);  // sealed, not yet committed
  std::atomic<bool> done{false};
  absl::StatusOr<long long> sealed_here = 0;
  std::thread replica([&] {
    sealed_here = sealer.SealAll(*pool_);
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_FALSE(done) << "returned while rows were still in clear";
  holder.commit();
  replica.join();
  ASSERT_TRUE(sealed_here.ok()) << sealed_here.status();
  EXPECT_EQ(*sealed_here, 0);
  EXPECT_EQ(Leaks(), std::set<std::string>{});
}

}  // namespace
}  // namespace tmk::contacts
