#include "services/contacts/contacts_module.h"

#include "services/common/server/service_runtime.h"
#include "services/contacts/api/contacts_service.h"

namespace tmk::contacts {

std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

class ContactsModule final : public server::ServiceModule {
 public:
  explicit ContactsModule(const server::ModuleContext& context)
      : runtime_(context, "contacts", Migrations()), service_(runtime_) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::contacts::v1::ContactsService::service_full_name()};
  }
  absl::Status Start() override { return runtime_.Start(); }
  void Stop() override { runtime_.Stop(); }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  ContactsService service_;
};

}  // namespace

void RegisterContacts(server::ModuleCatalog& catalog) {
  catalog.Add("contacts", [](const server::ModuleContext& context) {
    return std::make_unique<ContactsModule>(context);
  });
}

}  // namespace tmk::contacts
