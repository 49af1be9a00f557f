#pragma once
// An order as the agent captured it at close, checked against the campaign's products (R13):
// at least one item, each a product of the campaign with a quantity in (0, max_quantity], a
// recipient and an address to deliver to, the customer's confirmation. Names and prices are
// copied from the campaign, and the total computed, so fulfilment never trusts the desktop.
#include <string_view>

#include "services/common/core/status_details.h"
#include "telemarketing/campaigns/v1/campaign.pb.h"
#include "telemarketing/dialing/v1/order.pb.h"

namespace tmk::dialing {

// The order's items, delivery, payment and notes; violations under `field` (e.g. "order").
telemarketing::dialing::v1::Order CaptureOrder(
    const telemarketing::dialing::v1::OrderCapture& capture,
    const telemarketing::campaigns::v1::Campaign& campaign, std::string_view field,
    Violations& violations);

}  // namespace tmk::dialing
