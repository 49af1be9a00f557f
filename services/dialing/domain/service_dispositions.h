#pragma once
// How an inbound service call is wrapped up when the agent opened no cross-sell (R18, R26).
// Such a call belongs to no campaign, so there is no campaign disposition set to choose from, and
// the InboundQueue contract carries none either: a queue answers service questions, and what
// reporting needs from a service call (resolved or not, a complaint, nobody to talk to) is the
// same for every queue. So one fixed set serves every queue. None of them moves a lead, schedules
// a callback or takes an order — those need a campaign, which a cross-sell brings.
#include <string>
#include <vector>

#include "services/campaigns/domain/disposition_rules.h"

namespace tmk::dialing {

// The service outcomes, in the order the desktop offers them: SERVICE_RESOLVED,
// SERVICE_FOLLOW_UP (reached, not resolved yet), SERVICE_COMPLAINT, SERVICE_WRONG_PARTY and
// SERVICE_NO_CONVERSATION (the caller dropped before anything was said).
const std::vector<campaigns::Disposition>& ServiceDispositions();

// The service outcome with `code`, or null.
const campaigns::Disposition* FindServiceDisposition(const std::string& code);

}  // namespace tmk::dialing
