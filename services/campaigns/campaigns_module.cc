#include "services/campaigns/campaigns_module.h"

#include "services/common/server/contract_module.h"
#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"

namespace tmk::campaigns {

// The contract is published (issue 2); the implementation is its own issue.
void RegisterCampaigns(server::ModuleCatalog& catalog) {
  server::AddContractModule<telemarketing::campaigns::v1::CampaignsService>(catalog, "campaigns");
}

}  // namespace tmk::campaigns
