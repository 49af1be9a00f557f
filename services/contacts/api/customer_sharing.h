#pragma once
// A customer as its owning region shares it with the others (R5, R6, R32): the sharing policy's
// rules (domain/sharing_policy.h) walked over the Customer message. Withheld fields come out
// empty and listed in withheld_fields; masked ones carry masked values and are listed in
// masked_fields. Contact points keep their ids, types and statuses whatever the policy says.
#include <set>
#include <string>

#include "services/contacts/domain/sharing_policy.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/sharing.pb.h"

namespace tmk::contacts {

// `personal_attributes`: keys of custom attributes defined as personal data.
telemarketing::contacts::v1::Customer ShareCustomer(
    const telemarketing::contacts::v1::Customer& customer, const SharingPolicy& policy,
    const std::set<std::string>& personal_attributes);

// The policy's rules and default as proto, and back (modes must be specified: validated before).
void ToProto(const SharingPolicy& policy, telemarketing::contacts::v1::SharingPolicy& out);
SharingMode FromProto(telemarketing::contacts::v1::SharingMode mode);

}  // namespace tmk::contacts
