#pragma once
// The suite as an end-to-end test drives it: `telemarketing-server` in its own process, on its own
// fresh database, reached only through gRPC (and Kafka), stopped with SIGTERM like Kubernetes does.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

namespace tmk::testing {

// Fixed keys for encryption at rest of contacts (R6) in tests: any test reads them back.
inline const std::vector<std::string> kTestContactsKeyArgs = {
    "--contacts-data-keys=e2e:ZTJlLWRhdGEta2V5LTAxMjM0NTY3ODlhYmNkZWZnaGk=",
    "--contacts-index-key=ZTJlLWluZGV4LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g="};

class SuiteProcess {
 public:
  struct Options {
    std::string region = "e2e";
    std::string services = "all";
    // e.g. auth settings. Without --auth-* ones, authentication is off; without
    // --contacts-data-keys, a suite hosting contacts gets the fixed keys kTestContactsKeyArgs;
    // without --contacts-replica-regions, it keeps no replicas of other regions' customers.
    std::vector<std::string> extra_args;
    int pg_port = 0;  // reach PostgreSQL through this loopback port (a TcpProxy) instead
  };

  // Creates the database, starts the server and waits until overall health is SERVING; fails the
  // test (with the server's log) when it does not get there.
  explicit SuiteProcess(Options options);
  ~SuiteProcess();

  const std::string& grpc_address() const { return grpc_address_; }
  const std::string& pg_dsn() const { return pg_dsn_; }
  const std::string& log_path() const { return log_path_; }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  bool running() const;

  // SIGTERM, then waits; returns the exit status (as from waitpid).
  int Stop();

 private:
  std::string database_;
  std::string pg_dsn_;
  std::string grpc_address_;
  std::string log_path_;
  std::shared_ptr<grpc::Channel> channel_;
  int pid_ = 0;
};

// A loopback port free at the time of the call.
int FreePort();
// The last `lines` lines of a file, for failure messages.
std::string Tail(const std::string& path, int lines = 40);
// TM_TEST_PG_DSN with its database replaced.
std::string DsnForDatabase(const std::string& dsn, const std::string& database);
// A postgresql:// URI with its host and port replaced.
std::string DsnForAddress(const std::string& dsn, const std::string& host, int port);
// The host and port of a postgresql:// URI.
std::pair<std::string, int> DsnAddress(const std::string& dsn);

}  // namespace tmk::testing
