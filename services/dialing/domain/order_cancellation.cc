#include "services/dialing/domain/order_cancellation.h"

#include "services/common/core/status_details.h"

namespace tmk::dialing {

absl::Status CheckOrderCancellation(OrderState state, const OrderCanceller& who) {
  if (!who.owns_order && !who.supervises) {
    return WithReason(absl::PermissionDeniedError(
                          "only the agent who captured the order or a supervisor may cancel it"),
                      "NOT_ORDER_OWNER");
  }
  if (state == OrderState::kCancelled) {
    return WithReason(absl::FailedPreconditionError("the order is already cancelled"),
                      "ORDER_ALREADY_CANCELLED");
  }
  return absl::OkStatus();
}

}  // namespace tmk::dialing
