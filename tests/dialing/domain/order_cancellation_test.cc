// Who may cancel an order and when (R13).
#include "services/dialing/domain/order_cancellation.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

TEST(OrderCancellationTest, OwnerOrSupervisorCancelsCapturedAndConfirmedOrders) {
  for (OrderState state : {OrderState::kCaptured, OrderState::kConfirmed}) {
    EXPECT_TRUE(CheckOrderCancellation(state, {true, false}).ok());
    EXPECT_TRUE(CheckOrderCancellation(state, {false, true}).ok());
  }
}

TEST(OrderCancellationTest, AnotherAgentIsDenied) {
  absl::Status s = CheckOrderCancellation(OrderState::kCaptured, {false, false});
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(s), "NOT_ORDER_OWNER");
}

TEST(OrderCancellationTest, SecondCancelIsRefused) {
  absl::Status s = CheckOrderCancellation(OrderState::kCancelled, {true, true});
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), "ORDER_ALREADY_CANCELLED");
}

TEST(OrderCancellationTest, DenialComesBeforeStateSoStrangersLearnNothing) {
  EXPECT_EQ(CheckOrderCancellation(OrderState::kCancelled, {false, false}).code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace tmk::dialing
