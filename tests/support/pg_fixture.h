#pragma once
// A PgPool on a fresh schema of the test PostgreSQL, dropped after the test, so tests never see
// each other's rows and can run while a developer's suite uses the same server.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/common/events/outbox.h"
#include "services/common/pg/migration.h"
#include "services/common/pg/pg_pool.h"
#include "tests/support/test_env.h"

namespace tmk::testing {

class PgSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.dsn = PgDsn();
    config_.pool_size = 4;
    schema_ = UniqueName("t");
    // Created here, not by the first migration: a test that applies none would otherwise write
    // to `public` (next on the search path) and meet the tables of earlier runs.
    pg::PgPool admin(config_, "public");
    absl::Status created = admin.Transact([&](pqxx::work& tx) {
      tx.exec("CREATE SCHEMA " + pg::QuoteIdentifier(schema_));
      return absl::OkStatus();
    });
    ASSERT_TRUE(created.ok()) << created;
    pool_ = std::make_unique<pg::PgPool>(config_, schema_);
  }
  void TearDown() override {
    pool_.reset();
    pg::PgPool admin(config_, "public");
    (void)admin.Transact([&](pqxx::work& tx) {
      tx.exec("DROP SCHEMA IF EXISTS " + pg::QuoteIdentifier(schema_) + " CASCADE");
      return absl::OkStatus();
    });
  }

  // A service's schema as the service runs it: the outbox and inbox tables, then its migrations.
  void ApplyServiceMigrations(const std::vector<pg::Migration>& migrations) {
    absl::Status events = pg::ApplyMigrations(*pool_, events::EventTableMigrations());
    ASSERT_TRUE(events.ok()) << events;
    absl::Status migrated = pg::ApplyMigrations(*pool_, migrations);
    ASSERT_TRUE(migrated.ok()) << migrated;
  }

  // Runs `body` in one transaction: OK when it committed, else what PgPool::Transact made of the
  // failure (a store's constraint violation, say), nothing of it kept.
  absl::Status Run(const std::function<void(pqxx::work&)>& body) {
    return pool_->Transact([&](pqxx::work& tx) {
      body(tx);
      return absl::OkStatus();
    });
  }

  // Runs `sql` and returns the first column of the first row as text.
  std::string Scalar(const std::string& sql) {
    std::string out;
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      pqxx::result r = tx.exec(sql);
      out = r.empty() || r[0][0].is_null() ? "" : r[0][0].as<std::string>();
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return out;
  }

  pg::PgConfig config_;
  std::string schema_;
  std::unique_ptr<pg::PgPool> pool_;
};

}  // namespace tmk::testing
