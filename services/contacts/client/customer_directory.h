#pragma once
// Other services' view of a contacts customer (R9: campaigns fill scripts with the customer's
// data). A port, so script rendering is tested without a contacts server; the
// production implementation calls ContactsService.GetCustomer over gRPC on behalf of the caller,
// forwarding their credential so contacts applies the caller's masking and audit (R6).
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts_client {

class CustomerDirectory {
 public:
  virtual ~CustomerDirectory() = default;
  // NOT_FOUND when contacts has no such customer; UNAVAILABLE when contacts cannot be reached.
  virtual absl::StatusOr<telemarketing::contacts::v1::Customer> GetCustomer(
      const auth::Principal& on_behalf_of, std::string_view customer_id) = 0;
};

}  // namespace tmk::contacts_client
