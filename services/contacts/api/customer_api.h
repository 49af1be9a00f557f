#pragma once
// Customer records (R1, R2, R3): create, read, update with history, list, search and lookup.
// Business rules live in domain/; SQL in store/. Every RPC that answers with a customer's
// personal data writes the access audit log in the same transaction (R6); `peer` is the client's
// address for it.
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/pg/request_records.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/access_auditor.h"
#include "services/contacts/api/customer_change_writer.h"
#include "services/contacts/store/attribute_definition_store.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class CustomerApi {
 public:
  // `hlc`: the region's clock, which has observed other regions' stamps (R32).
  CustomerApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
              HybridLogicalClock& hlc);

  absl::Status CreateCustomer(const auth::Principal& who,
                              const telemarketing::contacts::v1::CreateCustomerRequest& request,
                              telemarketing::contacts::v1::CreateCustomerResponse& response);
  absl::Status GetCustomer(const auth::Principal& who, const std::string& peer,
                           const telemarketing::contacts::v1::GetCustomerRequest& request,
                           telemarketing::contacts::v1::GetCustomerResponse& response);
  absl::Status UpdateCustomer(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::UpdateCustomerRequest& request,
                  telemarketing::contacts::v1::UpdateCustomerResponse& response);
  // Erases an owned customer (R6 right to deletion): see customer_erasure.cc.
  absl::Status DeleteCustomer(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::DeleteCustomerRequest& request,
                  telemarketing::contacts::v1::DeleteCustomerResponse& response);
  absl::Status BatchGetCustomers(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::BatchGetCustomersRequest& request,
                  telemarketing::contacts::v1::BatchGetCustomersResponse& response);
  absl::Status ListCustomers(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::ListCustomersRequest& request,
                  telemarketing::contacts::v1::ListCustomersResponse& response);
  absl::Status SearchCustomers(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::SearchCustomersRequest& request,
                  telemarketing::contacts::v1::SearchCustomersResponse& response);
  absl::Status LookupCustomersByPhone(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::LookupCustomersByPhoneRequest& request,
                  telemarketing::contacts::v1::LookupCustomersByPhoneResponse& response);
  absl::Status ListProfileChanges(const auth::Principal& who, const std::string& peer,
                  const telemarketing::contacts::v1::ListProfileChangesRequest& request,
                  telemarketing::contacts::v1::ListProfileChangesResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  CustomerStore customers_;
  CustomerHistoryStore history_;
  AttributeDefinitionStore definitions_;
  pg::RequestRecords requests_;
  CustomerChangeWriter writer_;
  AccessAuditor auditor_;
};

}  // namespace tmk::contacts
