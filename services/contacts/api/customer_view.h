#pragma once
// Whether a read shows phone numbers in the clear (R6 data minimisation): the one rule behind the
// `view` of GetCustomer, BatchGetCustomers, ListCustomers, SearchCustomers and
// LookupCustomersByPhone.
#include <string>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

// Supervisors, administrators and integrators always see numbers, whatever the view. An agent
// sees them only when asking for CUSTOMER_VIEW_UNMASKED on a call (`call_id` of the request's
// context, written to the access audit with the read); the call is not checked against dialing,
// the audit entry is what answers for it. Anyone else asking for CUSTOMER_VIEW_UNMASKED is
// refused with PERMISSION_DENIED rather than silently answered masked; an unknown view is
// INVALID_ARGUMENT on `view`. Reads without a context (lists and searches) pass an empty call id.
absl::StatusOr<bool> RevealsNumbers(const auth::Principal& who,
                                    telemarketing::contacts::v1::CustomerView view,
                                    const std::string& call_id);

}  // namespace tmk::contacts
