#pragma once
// A service of the suite as the server sees it (STYLE.md §2): it contributes gRPC services, starts
// and stops its background work, and reports whether it can serve. The same binary hosts any set
// of modules (`--services=all` or a list), so one Kubernetes Deployment per service and the
// single-process install share all code.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "services/common/events/kafka_config.h"
#include "services/common/pg/pg_config.h"

namespace grpc {
class Service;
}
namespace tmk {
class Clock;
class ConfigSource;
}
namespace tmk::auth {
class Authenticator;
}
namespace tmk::metrics {
class MetricsRegistry;
}

namespace tmk::server {

// What the server lends every module: shared settings and shared infrastructure.
struct ModuleContext {
  std::string region;
  pg::PgConfig pg;
  events::KafkaConfig kafka;
  const auth::Authenticator& authenticator;
  const Clock& clock;
  metrics::MetricsRegistry& metrics;
};

class ServiceModule {
 public:
  virtual ~ServiceModule() = default;
  // gRPC services to register; their full names are also the health-check names.
  virtual std::vector<grpc::Service*> GrpcServices() = 0;
  virtual std::vector<std::string> HealthNames() const = 0;
  // Migrations, relays, consumers. Called before the server accepts calls.
  virtual absl::Status Start() = 0;
  virtual void Stop() = 0;
  virtual bool Healthy() = 0;
};

struct ServerConfig;

using ModuleFactory = std::function<std::unique_ptr<ServiceModule>(const ModuleContext&)>;
// Reads a module's own settings (one plain struct, STYLE.md §6), reporting problems to `settings`,
// and returns the factory that builds the module with them. Only the hosted modules' settings are
// read, so a setting meant for a service this process does not run is refused as unknown.
using ModuleConfigure =
    std::function<ModuleFactory(ConfigSource& settings, const ServerConfig& server)>;

// The hosted modules, in the order of --services, ready to build.
using ConfiguredModules = std::vector<std::pair<std::string, ModuleFactory>>;

// Service name ("contacts") → how to configure it; each service adds itself with one Register…
// function.
class ModuleCatalog {
 public:
  // A module without settings of its own.
  void Add(std::string name, ModuleFactory factory);
  void AddConfigurable(std::string name, ModuleConfigure configure) {
    configures_[std::move(name)] = std::move(configure);
  }

  std::vector<std::string> names() const;
  // Reads the settings of the services `server` hosts.
  ConfiguredModules Configure(ConfigSource& settings, const ServerConfig& server) const;

 private:
  std::map<std::string, ModuleConfigure> configures_;
};

}  // namespace tmk::server
