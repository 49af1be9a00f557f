#include "tests/support/test_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace tmk::testing {
namespace {

std::string Required(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) {
    ADD_FAILURE() << name << " is not set: run `scripts/dev-env up` and "
                  << "`eval \"$(scripts/dev-env env)\"`, or use scripts/test";
    return "";
  }
  return value;
}

}  // namespace

std::string PgDsn() { return Required("TM_TEST_PG_DSN"); }
std::string KafkaBrokers() { return Required("TM_TEST_KAFKA_BROKERS"); }

std::string UniqueName(const std::string& prefix) {
  static std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return prefix + "_" + buf;
}

std::string BuildPath(const std::string& relative) {
  return std::string(TM_BUILD_DIR) + "/" + relative;
}

}  // namespace tmk::testing
