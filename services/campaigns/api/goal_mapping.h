#pragma once
// telemarketing.campaigns.v1.Goal -> the domain's (domain/goal_rules.h). Enum values are copied as
// numbers so out-of-range ones reach the domain checks; a period time TimePoint cannot hold is left
// unset (check it with ToTimePoint first).
#include "services/campaigns/domain/goal_rules.h"
#include "telemarketing/campaigns/v1/goal.pb.h"

namespace tmk::campaigns {

Goal ToDomain(const telemarketing::campaigns::v1::Goal& goal);

}  // namespace tmk::campaigns
