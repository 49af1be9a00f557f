// Bad start-up configuration is fatal, names every bad setting, and exits with code 2 (issue 2).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "tests/support/test_env.h"

namespace tmk {
namespace {

struct Outcome {
  int exit_code;
  std::string stderr_text;
};

Outcome RunServer(std::vector<std::string> args, std::vector<std::string> env = {}) {
  std::string binary = testing::BuildPath("services/telemarketing-server");
  std::string log = testing::BuildPath("tests/" + testing::UniqueName("config") + ".log");
  args.insert(args.begin(), binary);
  std::vector<char*> argv, envp;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, binary.c_str(), &files, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&files);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

TEST(ServerConfig, MissingSettingsAreNamedAndExitCodeIsTwo) {
  Outcome out = RunServer({});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--region (TM_REGION): required setting is missing"), std::string::npos)
      << out.stderr_text;
  EXPECT_NE(out.stderr_text.find("--pg-dsn (TM_PG_DSN)"), std::string::npos);
  EXPECT_NE(out.stderr_text.find("--kafka-brokers (TM_KAFKA_BROKERS)"), std::string::npos);
}

TEST(ServerConfig, UnknownServicesFlagsAndVariablesAreRejected) {
  Outcome out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y", "--auth-mode=off",
                           "--services=contacts,billing", "--grpc-port=1"},
                          {"TM_PG_POOL=3"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("unknown service 'billing'"), std::string::npos) << out.stderr_text;
  EXPECT_NE(out.stderr_text.find("--grpc-port: unknown setting"), std::string::npos);
  EXPECT_NE(out.stderr_text.find("TM_PG_POOL: unknown setting"), std::string::npos);
}

TEST(ServerConfig, JwtModeWithoutKeysIsRefused) {
  Outcome out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--auth-mode (TM_AUTH_MODE)"), std::string::npos) << out.stderr_text;
}

// R6: contacts encrypts personal data at rest and refuses to start without its keys; a bad key is
// named by its setting and never repeated.
TEST(ServerConfig, ContactsNeedsItsKeys) {
  Outcome out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y", "--auth-mode=off",
                           "--services=contacts"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--contacts-data-keys (TM_CONTACTS_DATA_KEYS): required when "
                                 "contacts is hosted"),
            std::string::npos)
      << out.stderr_text;
  EXPECT_NE(out.stderr_text.find("--contacts-index-key (TM_CONTACTS_INDEX_KEY): required"),
            std::string::npos);
}

TEST(ServerConfig, BadContactsKeysAreNamedButNeverRepeated) {
  const std::string short_key = "c2hvcnQta2V5LTE2LWJ5dA==";  // 16 bytes
  const std::string good_key = "ZTJlLWRhdGEta2V5LTAxMjM0NTY3ODlhYmNkZWZnaGk=";
  Outcome out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y", "--auth-mode=off",
                           "--services=contacts"},
                          {"TM_CONTACTS_DATA_KEYS=new:" + good_key + ",old:" + short_key,
                           "TM_CONTACTS_INDEX_KEY=" + good_key});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--contacts-data-keys (TM_CONTACTS_DATA_KEYS): entry 2 (key "
                                 "'old'): the key is 16 bytes; it must be 32"),
            std::string::npos)
      << out.stderr_text;
  EXPECT_EQ(out.stderr_text.find(short_key), std::string::npos) << out.stderr_text;
  EXPECT_EQ(out.stderr_text.find(good_key), std::string::npos) << out.stderr_text;

  out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y", "--auth-mode=off",
                   "--services=contacts", "--contacts-data-keys=k1:" + good_key,
                   "--contacts-index-key=" + good_key});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--contacts-index-key (TM_CONTACTS_INDEX_KEY): must differ from "
                                 "every data key"),
            std::string::npos)
      << out.stderr_text;
  EXPECT_EQ(out.stderr_text.find(good_key), std::string::npos) << out.stderr_text;
}

TEST(ServerConfig, ContactsKeysAreUnknownWhereContactsIsNotHosted) {
  Outcome out = RunServer({"--region=gd", "--pg-dsn=x", "--kafka-brokers=y", "--auth-mode=off",
                           "--services=recording", "--contacts-index-key=x"});
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.stderr_text.find("--contacts-index-key: unknown setting"), std::string::npos)
      << out.stderr_text;
}

}  // namespace
}  // namespace tmk
