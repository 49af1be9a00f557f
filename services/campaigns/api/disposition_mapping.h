#pragma once
// telemarketing.campaigns.v1.DispositionSet -> the domain's (domain/disposition_rules.h). Enum
// values are copied as numbers so out-of-range ones reach the domain checks.
#include "services/campaigns/domain/disposition_rules.h"
#include "telemarketing/campaigns/v1/disposition.pb.h"

namespace tmk::campaigns {

DispositionSet ToDomain(const telemarketing::campaigns::v1::DispositionSet& set);

}  // namespace tmk::campaigns
