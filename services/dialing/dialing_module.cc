#include "services/dialing/dialing_module.h"

#include "services/common/server/contract_module.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"

namespace tmk::dialing {

// The contract is published (issue 2); the implementation is its own issue.
void RegisterDialing(server::ModuleCatalog& catalog) {
  server::AddContractModule<telemarketing::dialing::v1::DialingService, telemarketing::dialing::v1::AgentDesktopService>(catalog, "dialing");
}

}  // namespace tmk::dialing
