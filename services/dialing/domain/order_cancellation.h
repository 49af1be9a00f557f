#pragma once
// Cancelling an order captured at close (R13): who may, from which state. The agent who closed
// it may cancel their own order (the customer changed their mind on the after-sale check), a
// supervisor any; a cancelled order stays cancelled, so a second cancel is refused rather than
// published twice to fulfilment. Pure; OrderCancelApi brings the order and the caller.
#include <string_view>

#include "absl/status/status.h"

namespace tmk::dialing {

// Numeric values equal telemarketing.dialing.v1.OrderState.
enum class OrderState { kUnspecified = 0, kCaptured = 1, kConfirmed = 2, kCancelled = 3 };

struct OrderCanceller {
  bool owns_order = false;  // the agent who closed it
  bool supervises = false;  // a supervisor or administrator of the region
};

// OK when `who` may cancel an order in `state`: PERMISSION_DENIED (NOT_ORDER_OWNER) for an agent
// cancelling another's order, FAILED_PRECONDITION ORDER_ALREADY_CANCELLED for a cancelled one.
absl::Status CheckOrderCancellation(OrderState state, const OrderCanceller& who);

}  // namespace tmk::dialing
