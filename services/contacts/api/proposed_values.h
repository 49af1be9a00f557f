#pragma once
// The values of an update proposal judged by the profile rules every customer obeys (R1, R32):
// by the proposing region before it sends (so a bad number is refused at once, field by field)
// and by the owner before it applies (so a value its rules refuse is reported INVALID, not
// written).
#include <string>
#include <vector>

#include "services/common/core/status_details.h"
#include "services/contacts/domain/phone_number.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

struct ProposedValues {
  // Violations of the proposed fields, each with the update_mask path it falls under.
  struct Violation {
    std::string path;
    FieldViolation violation;  // field as in a request: "customer.contact_points[0].value"
  };
  std::vector<Violation> violations;
  // The proposed contact points normalised, in patch order (empty when any is invalid).
  std::vector<NormalizedContact> points;
};

// `base` holds the fields not proposed (the owner's customer, or the proposer's replica);
// `paths` are validated update_mask paths. Contact points are judged alone: only the proposed
// ones, since a merge keeps the others as they are. Violations of fields not proposed are not
// the proposal's and are left out.
ProposedValues JudgeProposedValues(const telemarketing::contacts::v1::Customer& base,
                                   const telemarketing::contacts::v1::Customer& patch,
                                   const std::vector<std::string>& paths, int current_year);

}  // namespace tmk::contacts
