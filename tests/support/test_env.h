#pragma once
// Addresses of the real PostgreSQL and Kafka the `pg`, `kafka` and `e2e` tiers run against;
// scripts/test exports them after `scripts/dev-env up`.
#include <string>

namespace tmk::testing {

// TM_TEST_PG_DSN; fails the calling test (not skips) when unset, so a misconfigured run is loud.
std::string PgDsn();
// TM_TEST_KAFKA_BROKERS.
std::string KafkaBrokers();
// A name no other test run uses: "<prefix>_<random hex>", lower case, valid as a schema or topic.
std::string UniqueName(const std::string& prefix);
// Path of a binary built beside the tests (e.g. "services/telemarketing-server").
std::string BuildPath(const std::string& relative);

}  // namespace tmk::testing
