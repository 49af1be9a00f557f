#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "services/common/auth/authenticator.h"
#include "services/common/log/logger.h"

namespace tmk {
class ConfigSource;
}

namespace tmk::server {

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

}  // namespace tmk::server
