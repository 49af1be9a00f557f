#include "services/common/pg/migration.h"

#include <thread>

#include "tests/support/pg_fixture.h"

namespace tmk::pg {
namespace {

using MigrationTest = testing::PgSchemaTest;

std::vector<Migration> TwoMigrations() {
  return {{"0001_widgets.sql", "CREATE TABLE widgets (id int PRIMARY KEY);"},
          {"0002_widget_names.sql", "ALTER TABLE widgets ADD COLUMN name text; "
                                    "INSERT INTO widgets VALUES (1, 'first');"}};
}

TEST_F(MigrationTest, AppliesInOrderIntoTheServiceSchemaAndRecordsEach) {
  ASSERT_TRUE(ApplyMigrations(*pool_, TwoMigrations()).ok());
  EXPECT_EQ(Scalar("SELECT name FROM widgets WHERE id = 1"), "first");
  EXPECT_EQ(Scalar("SELECT string_agg(name, ',' ORDER BY name) FROM schema_migrations"),
            "0001_widgets.sql,0002_widget_names.sql");
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                   schema_ + "' AND table_name = 'widgets'"),
            "1");
}

TEST_F(MigrationTest, IsIdempotent) {
  ASSERT_TRUE(ApplyMigrations(*pool_, TwoMigrations()).ok());
  ASSERT_TRUE(ApplyMigrations(*pool_, TwoMigrations()).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM widgets"), "1");  // the INSERT ran once
  EXPECT_EQ(Scalar("SELECT count(*) FROM schema_migrations"), "2");
}

// Replicas starting together: the advisory lock lets exactly one apply each migration.
TEST_F(MigrationTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  std::vector<std::thread> replicas;
  std::vector<absl::Status> results(6);
  for (size_t i = 0; i < results.size(); ++i) {
    replicas.emplace_back([&, i] {
      PgPool own(config_, schema_);
      results[i] = ApplyMigrations(own, TwoMigrations());
    });
  }
  for (auto& t : replicas) t.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(Scalar("SELECT count(*) FROM widgets"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM schema_migrations"), "2");
}

TEST_F(MigrationTest, AFailingMigrationLeavesNothingBehind) {
  std::vector<Migration> broken = TwoMigrations();
  broken.push_back({"0003_broken.sql", "CREATE TABLE gadgets (id int); SELECT * FROM nowhere;"});
  absl::Status status = ApplyMigrations(*pool_, broken);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                   schema_ + "' AND table_name IN ('widgets', 'gadgets')"),
            "0");
}

TEST_F(MigrationTest, AChangedAppliedMigrationIsRefused) {
  ASSERT_TRUE(ApplyMigrations(*pool_, TwoMigrations()).ok());
  std::vector<Migration> edited = TwoMigrations();
  edited[0].sql = "CREATE TABLE widgets (id bigint PRIMARY KEY);";
  absl::Status status = ApplyMigrations(*pool_, edited);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("0001_widgets.sql"), std::string_view::npos);
}

TEST(PgPool, UnreachableServerIsUnavailableNotACrash) {
  PgConfig config;
  config.dsn = "postgresql://postgres@127.0.0.1:1/telemarketing";
  config.pool_size = 1;
  config.retry_budget = std::chrono::milliseconds(200);
  PgPool pool(config, "nowhere");
  absl::Status status = pool.Transact([](pqxx::work& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_FALSE(pool.Ping());
}

}  // namespace
}  // namespace tmk::pg
