#pragma once
// telemarketing.common.v1.Money <-> the domain's Money (same fields, no rounding either way).
#include "services/campaigns/domain/money.h"
#include "telemarketing/common/v1/money.pb.h"

namespace tmk::campaigns {

Money ToDomain(const telemarketing::common::v1::Money& money);
telemarketing::common::v1::Money ToProto(const Money& money);

}  // namespace tmk::campaigns
