#include "services/common/server/service_module.h"

#include "services/common/server/server_config.h"

namespace tmk::server {

void ModuleCatalog::Add(std::string name, ModuleFactory factory) {
  AddConfigurable(std::move(name), [factory = std::move(factory)](ConfigSource&, const ServerConfig&) {
    return factory;
  });
}

std::vector<std::string> ModuleCatalog::names() const {
  std::vector<std::string> names;
  for (const auto& [name, configure] : configures_) names.push_back(name);
  return names;
}

ConfiguredModules ModuleCatalog::Configure(ConfigSource& settings, const ServerConfig& server) const {
  ConfiguredModules modules;
  for (const std::string& name : server.services) {
    modules.emplace_back(name, configures_.at(name)(settings, server));
  }
  return modules;
}

}  // namespace tmk::server
