#include "services/common/config/config_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk {
namespace {

using ::testing::HasSubstr;

ConfigSource FromArgs(std::vector<const char*> args, std::vector<const char*> env = {}) {
  args.insert(args.begin(), "server");
  env.push_back(nullptr);
  auto source = ConfigSource::FromCommandLine(static_cast<int>(args.size()), args.data(), env.data());
  EXPECT_TRUE(source.ok()) << source.status();
  return *std::move(source);
}

TEST(ConfigSource, FlagsWinOverEnvironment) {
  ConfigSource s = FromArgs({"--pg-dsn=flag"}, {"TM_PG_DSN=env", "TM_REGION=gd"});
  EXPECT_EQ(s.RequiredString("pg-dsn"), "flag");
  EXPECT_EQ(s.RequiredString("region"), "gd");
  EXPECT_TRUE(s.Finish().ok());
}

TEST(ConfigSource, AcceptsSpaceSeparatedValuesAndBareBooleans) {
  ConfigSource s = FromArgs({"--region", "gd", "--verbose"});
  EXPECT_EQ(s.String("region", ""), "gd");
  EXPECT_TRUE(s.Bool("verbose", false));
  EXPECT_TRUE(s.Finish().ok());
}

TEST(ConfigSource, MissingRequiredSettingIsNamedWithFlagAndVariable) {
  ConfigSource s = FromArgs({});
  s.RequiredString("pg-dsn");
  absl::Status status = s.Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("--pg-dsn (TM_PG_DSN): required"));
}

TEST(ConfigSource, UnknownFlagAndUnknownVariableAreErrors) {
  ConfigSource s = FromArgs({"--pg-dns=typo"}, {"TM_REGOIN=gd"});
  s.String("pg-dsn", "");
  s.String("region", "");
  std::string message(s.Finish().message());
  EXPECT_THAT(message, HasSubstr("--pg-dns: unknown setting"));
  EXPECT_THAT(message, HasSubstr("TM_REGOIN: unknown setting"));
}

TEST(ConfigSource, ToolingVariablesAreNotSettings) {
  ConfigSource s = FromArgs({}, {"TM_TEST_PG_DSN=x", "TM_DEV_PG_PORT=1", "TM_CACHE_DIR=/tmp"});
  EXPECT_TRUE(s.Finish().ok());
}

TEST(ConfigSource, BadNumbersBooleansAndDurationsAreReportedTogether) {
  ConfigSource s = FromArgs({"--pool=many", "--workers=900", "--tls=maybe", "--drain=5 parsecs"});
  EXPECT_EQ(s.Int("pool", 4, 1, 64), 4);
  EXPECT_EQ(s.Int("workers", 8, 1, 64), 8);
  s.Bool("tls", false);
  s.Duration("drain", std::chrono::seconds(5));
  std::string message(s.Finish().message());
  EXPECT_THAT(message, HasSubstr("--pool (TM_POOL): 'many' is not an integer"));
  EXPECT_THAT(message, HasSubstr("--workers (TM_WORKERS): 900 is outside [1, 64]"));
  EXPECT_THAT(message, HasSubstr("--tls (TM_TLS): 'maybe' is not a boolean"));
  EXPECT_THAT(message, HasSubstr("--drain (TM_DRAIN)"));
}

TEST(ConfigSource, ParsesDurationsAndLists) {
  ConfigSource s = FromArgs({"--drain=250ms", "--grace=2m", "--services=contacts, dialing,,"});
  EXPECT_EQ(s.Duration("drain", {}), std::chrono::milliseconds(250));
  EXPECT_EQ(s.Duration("grace", {}), std::chrono::minutes(2));
  EXPECT_EQ(s.List("services", "all"), (std::vector<std::string>{"contacts", "dialing"}));
}

TEST(ConfigSource, RejectsPositionalArgumentsAndRepeatedFlags) {
  const char* positional[] = {"server", "contacts", nullptr};
  const char* env[] = {nullptr};
  EXPECT_FALSE(ConfigSource::FromCommandLine(2, positional, env).ok());
  const char* twice[] = {"server", "--region=a", "--region=b", nullptr};
  EXPECT_FALSE(ConfigSource::FromCommandLine(3, twice, env).ok());
}

}  // namespace
}  // namespace tmk
