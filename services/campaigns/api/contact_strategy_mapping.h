#pragma once
// telemarketing.campaigns.v1.ContactStrategy <-> the domain's (domain/contact_strategy.h). Enum
// values are copied as numbers so out-of-range ones reach the domain checks.
#include "services/campaigns/domain/contact_strategy.h"
#include "telemarketing/campaigns/v1/cadence.pb.h"

namespace tmk::campaigns {

ContactStrategy ToDomain(const telemarketing::campaigns::v1::ContactStrategy& strategy);
telemarketing::campaigns::v1::ContactStrategy ToProto(const ContactStrategy& strategy);

}  // namespace tmk::campaigns
