#pragma once
// The disposition of a call no agent wraps up (R2, R12, R17, R20): busy, no answer, invalid
// number, machine, abandoned, network failure, or a call lost when the dialer crashed. The lead
// goes back into its schedule through the same LeadScheduler::ApplyDisposition as an agent's
// wrap-up, so retry rules, attempt limits and list screening apply alike.
#include "services/campaigns/domain/disposition_rules.h"

namespace tmk::dialing {

// The campaign's own active code for `outcome` when its set has one that needs nothing from an
// agent (no callback time, order or feedback), so reports show the supervisor's names; else a
// built-in "SYSTEM_<OUTCOME>": invalid numbers and wrong parties move to the next contact point
// (R2), every other outcome retries by its retry rule.
campaigns::Disposition SystemDisposition(campaigns::CallOutcome outcome,
                                         const campaigns::DispositionSet& set);

}  // namespace tmk::dialing
