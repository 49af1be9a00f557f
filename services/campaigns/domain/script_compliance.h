#pragma once
// Which statements a script must carry, by the campaign type it is written for (R9 "complete and
// rigorous, never misleading", R20 recorded notice, R6 opt-out and privacy notices).
#include <string_view>
#include <vector>

#include "services/campaigns/domain/script_document.h"

namespace tmk::campaigns {

// Every call says who is calling, that it is recorded and why; selling adds complete price and
// terms (and the right to cancel where something is bought); marketing adds how to stop further
// calls; collecting answers or personal data adds the privacy notice.
std::vector<ComplianceKind> RequiredStatements(ScriptCampaignType type);

// The contract's name without prefix, e.g. "RECORDING_NOTICE".
std::string_view ComplianceKindName(ComplianceKind kind);

}  // namespace tmk::campaigns
