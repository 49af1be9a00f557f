#pragma once
// Other services' view of a contacts customer (R9: campaigns fill scripts with the customer's
// data). A port, so script rendering is tested without a contacts server; the
// production implementation calls ContactsService.GetCustomer over gRPC on behalf of the caller,
// forwarding their credential so contacts applies the caller's masking and audit (R6).
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts_client {

class CustomerDirectory {
 public:
  virtual ~CustomerDirectory() = default;
  // NOT_FOUND when contacts has no such customer; UNAVAILABLE when contacts cannot be reached.
  virtual absl::StatusOr<telemarketing::contacts::v1::Customer> GetCustomer(
      const auth::Principal& on_behalf_of, std::string_view customer_id) = 0;
  // The customers with a phone of `phone_number` (any common format), owned first, and the number
  // as contacts normalised it, both masked as contacts masks for the caller; contacts audits the
  // read with `context` (R6). INVALID_ARGUMENT for text that is no phone number; UNAVAILABLE as
  // above.
  virtual absl::StatusOr<telemarketing::contacts::v1::LookupCustomersByPhoneResponse>
  LookupCustomersByPhone(const auth::Principal& on_behalf_of, std::string_view phone_number,
                         const telemarketing::common::v1::ChangeContext& context) = 0;
  // One page of the customers `filter` (segment filter language, "" for all) selects, newest
  // first ("" token: the first page); UNAVAILABLE as above.
  virtual absl::StatusOr<telemarketing::contacts::v1::ListCustomersResponse> ListCustomers(
      const auth::Principal& on_behalf_of, std::string_view filter, int page_size,
      std::string_view page_token) = 0;
};

}  // namespace tmk::contacts_client
