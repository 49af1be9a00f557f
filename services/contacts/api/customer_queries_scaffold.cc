// SCAFFOLD — deleted by the helper that implements these in customer_api.cc.
#include "services/contacts/api/customer_api.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
absl::Status CustomerApi::UpdateCustomer(const auth::Principal&, const v1::UpdateCustomerRequest&,
                            v1::UpdateCustomerResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status CustomerApi::BatchGetCustomers(const auth::Principal&, const v1::BatchGetCustomersRequest&,
                            v1::BatchGetCustomersResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status CustomerApi::ListCustomers(const auth::Principal&, const v1::ListCustomersRequest&,
                            v1::ListCustomersResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status CustomerApi::SearchCustomers(const auth::Principal&, const v1::SearchCustomersRequest&,
                            v1::SearchCustomersResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status CustomerApi::LookupCustomersByPhone(const auth::Principal&, const v1::LookupCustomersByPhoneRequest&,
                            v1::LookupCustomersByPhoneResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}
absl::Status CustomerApi::ListProfileChanges(const auth::Principal&, const v1::ListProfileChangesRequest&,
                            v1::ListProfileChangesResponse&) {
  return absl::UnimplementedError("SCAFFOLD");
}

}  // namespace tmk::contacts
