#pragma once
// Per-service schema migrations (ordered SQL files under services/<name>/migrations, compiled into
// the binary by cmake/TmEmbed.cmake).
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tmk::pg {

class PgPool;

struct Migration {
  std::string name;  // file name, e.g. "0001_customers.sql"; the order is the name order
  std::string sql;
};

// Applies the migrations not yet recorded in <schema>.schema_migrations, all in one transaction
// under a transaction-scoped advisory lock, so concurrent replicas starting together apply each
// exactly once and a failure leaves the schema as it was. A recorded migration whose text changed
// since is refused (FAILED_PRECONDITION): published migrations are immutable.
absl::Status ApplyMigrations(PgPool& pool, const std::vector<Migration>& migrations);

}  // namespace tmk::pg
