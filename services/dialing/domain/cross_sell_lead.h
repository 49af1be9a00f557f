#pragma once
// The lead a cross-sell on an inbound call takes (R18). The customer is already on the line, so
// the lead is IN_PROGRESS from now on — the wrap-up then applies the campaign's disposition to it
// like to any call's lead (LeadScheduler::ApplyDisposition) — but nobody dialed, so no attempt is
// counted and the attempt caps are not spent on a call the customer made. Pure.
#include "absl/status/statusor.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

// FAILED_PRECONDITION LEAD_CLOSED for an ORDERED or STOPPED lead (the customer bought or is not
// to be offered this campaign again), LEAD_IN_PROGRESS for a lead on another call.
absl::StatusOr<LeadFacts> TakeForCrossSell(LeadFacts lead);

}  // namespace tmk::dialing
