#pragma once
// Reporting's own settings (--reporting-…, TM_REPORTING_…), validated at start-up.
#include <string>
#include <vector>

namespace tmk {
class ConfigSource;
}

namespace tmk::reporting {

struct ReportingConfig {
  // Producers whose outbox counts (their schema's outbox_published) share this database, for
  // ReconcileEvents; by service name, which is also their schema and the end of their ce_source.
  std::vector<std::string> producer_schemas;
  // The Kafka consumer group; empty means "reporting.<region>". A new group (with a fresh schema)
  // replays every topic from offset zero.
  std::string consumer_group;

  static ReportingConfig Read(ConfigSource& settings);
};

}  // namespace tmk::reporting
