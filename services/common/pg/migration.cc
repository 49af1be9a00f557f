#include "services/common/pg/migration.h"

#include <openssl/sha.h>

#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/log/logger.h"
#include "services/common/pg/pg_pool.h"

namespace tmk::pg {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace

absl::Status ApplyMigrations(PgPool& pool, const std::vector<Migration>& migrations) {
  const std::string schema = QuoteIdentifier(pool.schema());
  int applied = 0;
  absl::Status status = pool.Transact([&](pqxx::work& tx) -> absl::Status {
    applied = 0;
    // Serialises every migrator of this schema, in every process, until commit.
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", "tm-migrations:" + pool.schema());
    tx.exec(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", schema));
    tx.exec(absl::StrCat("SET LOCAL search_path TO ", schema, ", public"));
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name text PRIMARY KEY,"
        " checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())");
    std::map<std::string, std::string> recorded;
    for (const auto& row : tx.exec("SELECT name, checksum FROM schema_migrations")) {
      recorded[row[0].as<std::string>()] = row[1].as<std::string>();
    }
    for (const Migration& m : migrations) {
      std::string checksum = Sha256Hex(m.sql);
      if (auto it = recorded.find(m.name); it != recorded.end()) {
        if (it->second != checksum) {
          return absl::FailedPreconditionError(absl::StrCat(
              "migration ", pool.schema(), "/", m.name,
              " was changed after it was applied; add a new migration instead"));
        }
        continue;
      }
      tx.exec(m.sql);
      tx.exec_params("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", m.name,
                     checksum);
      ++applied;
    }
    return absl::OkStatus();
  });
  if (status.ok()) {
    log::Info("migrations applied", {{"schema", pool.schema()}, {"applied", applied},
                                     {"known", static_cast<int>(migrations.size())}});
  }
  return status;
}

}  // namespace tmk::pg
