#include "services/common/server/server_config.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/config/config_source.h"

namespace tmk::server {

bool IsValidRegion(const std::string& region) {
  if (region.empty() || region.size() > 32) return false;
  return std::all_of(region.begin(), region.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

namespace {

bool IsHostPort(const std::string& address) {
  size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) return false;
  return std::all_of(address.begin() + colon + 1, address.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The listen address as a client dials it: wildcard hosts become loopback.
std::string DialableAddress(const std::string& listen) {
  size_t colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "[::]") host = "[::1]";
  return host + listen.substr(colon);
}

}  // namespace

ServerConfig ServerConfig::Read(ConfigSource& source, const std::vector<std::string>& known) {
  ServerConfig config;
  config.grpc_listen = source.String("grpc-listen", config.grpc_listen);
  if (!IsHostPort(config.grpc_listen)) source.AddError("grpc-listen", "expected host:port");
  config.metrics_listen = source.String("metrics-listen", config.metrics_listen);
  if (!IsHostPort(config.metrics_listen)) source.AddError("metrics-listen", "expected host:port");
  config.region = source.RequiredString("region");
  if (!config.region.empty() && !IsValidRegion(config.region)) {
    source.AddError("region", "use 1-32 lowercase letters, digits or '-'");
  }
  for (const std::string& name : source.List("services", "all")) {
    if (name == "all") {
      config.services = known;
      break;
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      source.AddError("services", absl::StrCat("unknown service '", name, "'; known: all, ",
                                               absl::StrJoin(known, ", ")));
    } else if (std::find(config.services.begin(), config.services.end(), name) ==
               config.services.end()) {
      config.services.push_back(name);
    }
  }
  std::string level = source.String("log-level", "info");
  if (!log::ParseLevel(level, &config.log_level)) {
    source.AddError("log-level", "expected debug, info, warn or error");
  }
  config.drain = source.Duration("drain", config.drain);
  return config;
}

auth::AuthConfig ReadAuthConfig(ConfigSource& source) {
  auth::AuthConfig config;
  std::string mode = source.String("auth-mode", "jwt");
  if (auto parsed = auth::ParseAuthMode(mode); parsed.ok()) {
    config.mode = *parsed;
  } else {
    source.AddError("auth-mode", std::string(parsed.status().message()));
  }
  config.hs256_secret = source.String("auth-hs256-secret", "");
  config.rs256_public_key_file = source.String("auth-rs256-public-key-file", "");
  config.issuer = source.String("auth-issuer", "");
  config.audience = source.String("auth-audience", "");
  config.clock_skew_seconds = source.Int("auth-clock-skew-seconds", config.clock_skew_seconds, 0, 3600);
  if (absl::Status valid = config.Validate(); !valid.ok()) {
    source.AddError("auth-mode", std::string(valid.message()));
  }
  return config;
}

std::string ReadPeerAddress(ConfigSource& source, const ServerConfig& server, std::string_view service) {
  std::string setting = absl::StrCat(absl::string_view(service.data(), service.size()), "-address");
  std::string address = source.String(setting, "");
  if (!address.empty()) {
    if (!IsHostPort(address)) source.AddError(setting, "expected host:port");
    return address;
  }
  if (std::find(server.services.begin(), server.services.end(), service) != server.services.end()) {
    return DialableAddress(server.grpc_listen);
  }
  source.AddError(setting, absl::StrCat("required: ", absl::string_view(service.data(), service.size()),
                                        " is not among --services"));
  return "";
}

}  // namespace tmk::server
