#pragma once
// Customer records (R1, R2): create and read. Business rules live in domain/; SQL in store/.
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/customer_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class CustomerApi {
 public:
  explicit CustomerApi(server::ServiceRuntime& runtime);

  absl::Status CreateCustomer(const auth::Principal& who,
                              const telemarketing::contacts::v1::CreateCustomerRequest& request,
                              telemarketing::contacts::v1::CreateCustomerResponse& response);
  absl::Status GetCustomer(const auth::Principal& who,
                           const telemarketing::contacts::v1::GetCustomerRequest& request,
                           telemarketing::contacts::v1::GetCustomerResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  HybridLogicalClock hlc_;
  CustomerStore customers_;
};

}  // namespace tmk::contacts
