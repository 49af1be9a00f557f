#include "services/common/pg/pg_config.h"

#include "services/common/config/config_source.h"

namespace tmk::pg {

PgConfig PgConfig::Read(ConfigSource& source) {
  PgConfig config;
  config.dsn = source.RequiredString("pg-dsn");
  config.pool_size = source.Int("pg-pool-size", config.pool_size, 1, 64);
  config.retry_budget = source.Duration("pg-retry-budget", config.retry_budget);
  return config;
}

}  // namespace tmk::pg
