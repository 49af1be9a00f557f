#include "services/recording/recording_module.h"

#include "services/common/server/contract_module.h"
#include "telemarketing/recording/v1/recording_service.grpc.pb.h"

namespace tmk::recording {

// The contract is published (issue 2); the implementation is its own issue.
void RegisterRecording(server::ModuleCatalog& catalog) {
  server::AddContractModule<telemarketing::recording::v1::RecordingService>(catalog, "recording");
}

}  // namespace tmk::recording
