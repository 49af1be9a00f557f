#include "services/reporting/reporting_module.h"

#include "services/common/server/contract_module.h"
#include "telemarketing/reporting/v1/reporting_service.grpc.pb.h"

namespace tmk::reporting {

// The contract is published (issue 2); the implementation is its own issue.
void RegisterReporting(server::ModuleCatalog& catalog) {
  server::AddContractModule<telemarketing::reporting::v1::ReportingService>(catalog, "reporting");
}

}  // namespace tmk::reporting
