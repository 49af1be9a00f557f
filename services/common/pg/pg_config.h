#pragma once
#include <chrono>
#include <string>

namespace tmk {
class ConfigSource;
}

namespace tmk::pg {

// Settings for a service's PostgreSQL connections (flags --pg-…, env TM_PG_…).
struct PgConfig {
  std::string dsn;  // libpq connection string or postgresql:// URI
  int pool_size = 4;  // connections per service: one per worker thread
  std::chrono::milliseconds retry_budget{3000};  // how long a call may wait for a lost server

  static PgConfig Read(ConfigSource& source);
};

}  // namespace tmk::pg
