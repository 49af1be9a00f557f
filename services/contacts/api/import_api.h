#pragma once
// Bulk import of customers (R1, R2, R8): a client-streaming RPC whose rows are checked one by one,
// loaded with COPY, deduplicated by phone, with per-row errors and a job to follow progress.
#include <grpcpp/grpcpp.h>

#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/import_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class ImportApi {
 public:
  // `hlc`: the region's clock (R32), which imported customers' versions are stamped with.
  ImportApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
            HybridLogicalClock& hlc);

  grpc::ServerReadReactor<telemarketing::contacts::v1::ImportCustomersRequest>* ImportCustomers(
      grpc::CallbackServerContext* context,
      telemarketing::contacts::v1::ImportCustomersResponse* response);

  absl::Status GetImportJob(const auth::Principal& who,
                            const telemarketing::contacts::v1::GetImportJobRequest& request,
                            telemarketing::contacts::v1::GetImportJobResponse& response);
  absl::Status ListImportJobs(const auth::Principal& who,
                              const telemarketing::contacts::v1::ListImportJobsRequest& request,
                              telemarketing::contacts::v1::ListImportJobsResponse& response);
  absl::Status ListImportRowErrors(
      const auth::Principal& who,
      const telemarketing::contacts::v1::ListImportRowErrorsRequest& request,
      telemarketing::contacts::v1::ListImportRowErrorsResponse& response);

 private:
  class ImportReactor;

  server::ServiceRuntime& runtime_;
  const IdentifierCipher& cipher_;
  HybridLogicalClock& hlc_;
  ImportStore store_;
};

}  // namespace tmk::contacts
