#pragma once
namespace tmk::server {
class ModuleCatalog;
}

namespace tmk::campaigns {

// Adds the campaigns service to the server's catalog.
void RegisterCampaigns(server::ModuleCatalog& catalog);

}  // namespace tmk::campaigns
