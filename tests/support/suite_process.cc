#include "tests/support/suite_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <deque>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/test_env.h"

extern char** environ;

namespace tmk::testing {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::string Tail(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (const std::string& line : last) out += line + "\n";
  return out;
}

std::string DsnForDatabase(const std::string& dsn, const std::string& database) {
  size_t query = dsn.find('?');
  size_t slash = dsn.rfind('/', query);
  return dsn.substr(0, slash + 1) + database + (query == std::string::npos ? "" : dsn.substr(query));
}

std::pair<std::string, int> DsnAddress(const std::string& dsn) {
  size_t at = dsn.find('@') + 1;
  size_t end = dsn.find('/', at);
  std::string address = dsn.substr(at, end - at);
  size_t colon = address.rfind(':');
  return {address.substr(0, colon), std::stoi(address.substr(colon + 1))};
}

std::string DsnForAddress(const std::string& dsn, const std::string& host, int port) {
  size_t at = dsn.find('@') + 1;
  size_t end = dsn.find('/', at);
  return dsn.substr(0, at) + host + ":" + std::to_string(port) + dsn.substr(end);
}

SuiteProcess::SuiteProcess(Options options) {
  std::string admin_dsn = PgDsn();
  database_ = UniqueName("tm_e2e");
  {
    pqxx::connection admin(admin_dsn);
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + database_);
  }
  pg_dsn_ = DsnForDatabase(admin_dsn, database_);
  std::string server_dsn =
      options.pg_port ? DsnForAddress(pg_dsn_, "127.0.0.1", options.pg_port) : pg_dsn_;
  grpc_address_ = "127.0.0.1:" + std::to_string(FreePort());
  log_path_ = BuildPath("tests/" + database_ + ".log");

  std::vector<std::string> args = {BuildPath("services/telemarketing-server"),
                                   "--services=" + options.services,
                                   "--region=" + options.region,
                                   "--grpc-listen=" + grpc_address_,
                                   "--metrics-listen=127.0.0.1:" + std::to_string(FreePort()),
                                   "--pg-dsn=" + server_dsn,
                                   "--pg-retry-budget=500ms",
                                   "--kafka-brokers=" + KafkaBrokers(),
                                   "--drain=1s"};
  bool auth_given = false, keys_given = false, replicas_given = false;
  for (const std::string& a : options.extra_args) {
    auth_given = auth_given || a.rfind("--auth-", 0) == 0;
    keys_given = keys_given || a.rfind("--contacts-data-keys", 0) == 0;
    replicas_given = replicas_given || a.rfind("--contacts-replica-regions", 0) == 0;
  }
  if (!auth_given) args.push_back("--auth-mode=off");
  const bool hosts_contacts = options.services == "all" ||
                              ("," + options.services + ",").find(",contacts,") != std::string::npos;
  if (hosts_contacts && !keys_given) {
    args.insert(args.end(), kTestContactsKeyArgs.begin(), kTestContactsKeyArgs.end());
  }
  // Every test's customers share one Kafka: a suite replicates other regions only when it says
  // which (tests/e2e/regions_e2e_test.cc), so its own counts and reads stay its own.
  if (hosts_contacts && !replicas_given) args.push_back("--contacts-replica-regions=");
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 2, log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int spawned = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot start " << argv[0] << ": " << strerror(spawned);
    pid_ = 0;
    return;
  }

  channel_ = grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && running()) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    grpc::health::v1::HealthCheckRequest request;
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ADD_FAILURE() << "the suite did not become SERVING; its log:\n" << Tail(log_path_);
}

bool SuiteProcess::running() const {
  if (pid_ == 0) return false;
  return waitpid(pid_, nullptr, WNOHANG) == 0;
}

int SuiteProcess::Stop() {
  if (pid_ == 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
  return status;
}

SuiteProcess::~SuiteProcess() {
  Stop();
  try {
    pqxx::connection admin(PgDsn());
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot drop " << database_ << ": " << e.what();
  }
}

}  // namespace tmk::testing
