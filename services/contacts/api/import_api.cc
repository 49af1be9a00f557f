// SCAFFOLD — replaced wholesale by the helper that owns this file.
#include "services/contacts/api/import_api.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

ImportApi::ImportApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

grpc::ServerReadReactor<v1::ImportCustomersRequest>* ImportApi::ImportCustomers(
    grpc::CallbackServerContext*, v1::ImportCustomersResponse*) {
  class Refuse final : public grpc::ServerReadReactor<v1::ImportCustomersRequest> {
   public:
    Refuse() { Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "SCAFFOLD")); }
    void OnDone() override { delete this; }
  };
  return new Refuse();
}

absl::Status ImportApi::GetImportJob(const auth::Principal&, const v1::GetImportJobRequest&,
                                     v1::GetImportJobResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status ImportApi::ListImportJobs(const auth::Principal&, const v1::ListImportJobsRequest&,
                                       v1::ListImportJobsResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status ImportApi::ListImportRowErrors(const auth::Principal&,
                                            const v1::ListImportRowErrorsRequest&,
                                            v1::ListImportRowErrorsResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}

}  // namespace tmk::contacts
