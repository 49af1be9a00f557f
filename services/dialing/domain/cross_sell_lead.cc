#include "services/dialing/domain/cross_sell_lead.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {

absl::StatusOr<LeadFacts> TakeForCrossSell(LeadFacts lead) {
  if (lead.state == LeadState::kOrdered || lead.state == LeadState::kStopped) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "lead ", lead.lead_id, " of the campaign is closed for this customer")),
                      "LEAD_CLOSED");
  }
  if (lead.state == LeadState::kInProgress) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "lead ", lead.lead_id, " is on another call")),
                      "LEAD_IN_PROGRESS");
  }
  lead.state = LeadState::kInProgress;
  return lead;
}

}  // namespace tmk::dialing
