#include "services/qa/qa_module.h"

#include "services/common/server/contract_module.h"
#include "telemarketing/qa/v1/qa_service.grpc.pb.h"

namespace tmk::qa {

// The contract is published (issue 2); the implementation is its own issue.
void RegisterQa(server::ModuleCatalog& catalog) {
  server::AddContractModule<telemarketing::qa::v1::QualityService>(catalog, "qa");
}

}  // namespace tmk::qa
