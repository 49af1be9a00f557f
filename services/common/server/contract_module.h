#pragma once
// Serves a service's published contract before its implementation lands (issue 2 allows this):
// the generated callback services answer every RPC with UNIMPLEMENTED, health reports SERVING,
// and reflection lists the service, so integrators can code against the contract today. Each
// service replaces this with its real module in its own issue.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "services/common/server/service_module.h"

namespace tmk::server {

template <class... CallbackServices>
class ContractModule final : public ServiceModule {
 public:
  std::vector<grpc::Service*> GrpcServices() override {
    return std::apply([](auto&... s) { return std::vector<grpc::Service*>{&s...}; }, services_);
  }
  std::vector<std::string> HealthNames() const override {
    return {CallbackServices::service_full_name()...};
  }
  absl::Status Start() override { return absl::OkStatus(); }
  void Stop() override {}
  bool Healthy() override { return true; }

 private:
  // Nested service classes: Foo::CallbackService's enclosing class has service_full_name().
  std::tuple<typename CallbackServices::CallbackService...> services_;
};

// Registers `name` as a contract-only module of the given generated service classes.
template <class... Services>
void AddContractModule(ModuleCatalog& catalog, std::string name) {
  catalog.Add(std::move(name), [](const ModuleContext&) {
    return std::make_unique<ContractModule<Services...>>();
  });
}

}  // namespace tmk::server
