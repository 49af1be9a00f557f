#include "services/contacts/contacts_module.h"

#include "services/common/log/logger.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/contacts_service.h"
#include "services/contacts/contacts_config.h"
#include "services/contacts/store/plaintext_row_sealer.h"

namespace tmk::contacts {

std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

class ContactsModule final : public server::ServiceModule {
 public:
  ContactsModule(const server::ModuleContext& context, const ContactsConfig& config)
      : runtime_(context, "contacts", Migrations()),
        cipher_(config.data_keys, config.index_key),
        service_(runtime_, cipher_) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::contacts::v1::ContactsService::service_full_name()};
  }
  // Rows stored in clear before encryption at rest are sealed before the first call (R6).
  absl::Status Start() override {
    if (absl::Status started = runtime_.Start(); !started.ok()) return started;
    absl::StatusOr<long long> sealed = PlaintextRowSealer(cipher_).SealAll(runtime_.pool());
    if (!sealed.ok()) return sealed.status();
    if (*sealed > 0) {
      log::Info("contacts: rows stored in clear are now sealed", {{"rows", *sealed}});
    }
    return absl::OkStatus();
  }
  void Stop() override { runtime_.Stop(); }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  IdentifierCipher cipher_;
  ContactsService service_;
};

}  // namespace

void RegisterContacts(server::ModuleCatalog& catalog) {
  catalog.AddConfigurable("contacts", [](ConfigSource& settings, const server::ServerConfig&) {
    ContactsConfig config = ContactsConfig::Read(settings);
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<ContactsModule>(context, config);
    });
  });
}

}  // namespace tmk::contacts
