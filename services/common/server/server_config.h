#pragma once
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/auth/authenticator.h"
#include "services/common/log/logger.h"

namespace tmk {
class ConfigSource;
}

namespace tmk::server {

// 1-32 of a-z, 0-9 and '-': region ids become Kafka header values and CloudEvents sources.
bool IsValidRegion(const std::string& region);

// Settings of the server process itself (flags --grpc-listen…, env TM_GRPC_LISTEN…).
struct ServerConfig {
  std::string grpc_listen = "0.0.0.0:50051";
  std::string metrics_listen = "0.0.0.0:9464";
  std::string region;                 // this installation's region id, e.g. "gd" (R32)
  std::vector<std::string> services;  // resolved list; "all" expands to every known service
  log::Level log_level = log::Level::kInfo;
  std::chrono::milliseconds drain{5000};  // grace for in-flight calls on SIGTERM

  // `known` are the services this binary can host, used to expand "all" and reject typos.
  static ServerConfig Read(ConfigSource& source, const std::vector<std::string>& known);
};

auth::AuthConfig ReadAuthConfig(ConfigSource& source);

// Where a module reaches another service of the suite: `--<service>-address` (e.g.
// TM_CONTACTS_ADDRESS), by default this process's own gRPC address when it hosts that service
// (the single-process install); required otherwise.
std::string ReadPeerAddress(ConfigSource& source, const ServerConfig& server, std::string_view service);

}  // namespace tmk::server
