#include "services/campaigns/campaigns_module.h"

#include "services/campaigns/api/campaign_rules_check.h"
#include "services/campaigns/api/campaigns_service.h"
#include "services/contacts/client/grpc_contacts_client.h"
#include "services/common/config/config_source.h"
#include "services/common/server/server_config.h"
#include "services/common/server/service_runtime.h"

namespace tmk::campaigns {

std::vector<pg::Migration> Migrations();  // generated from services/campaigns/migrations

namespace {

// Settings of the campaigns module (STYLE.md §6).
struct CampaignsConfig {
  std::string contacts_address;  // ContactsService, for rendering scripts and checking lists
};

class CampaignsModule final : public server::ServiceModule {
 public:
  CampaignsModule(const server::ModuleContext& context, const CampaignsConfig& config)
      : runtime_(context, "campaigns", Migrations()),
        contacts_(config.contacts_address),
        service_(runtime_, contacts_, contacts_) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::campaigns::v1::CampaignsService::service_full_name()};
  }
  absl::Status Start() override {
    // Calling windows name IANA zones (R10); without the database every zone would be refused.
    if (!TimeZoneDatabaseAvailable()) {
      return absl::FailedPreconditionError(
          "no time-zone database (install tzdata, or set TZDIR to a zoneinfo directory)");
    }
    return runtime_.Start();
  }
  void Stop() override { runtime_.Stop(); }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  contacts_client::GrpcContactsClient contacts_;
  CampaignsService service_;
};

}  // namespace

void RegisterCampaigns(server::ModuleCatalog& catalog) {
  catalog.AddConfigurable("campaigns", [](ConfigSource& settings, const server::ServerConfig& server) {
    CampaignsConfig config{server::ReadPeerAddress(settings, server, "contacts")};
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<CampaignsModule>(context, config);
    });
  });
}

}  // namespace tmk::campaigns
