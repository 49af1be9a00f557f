#pragma once
// CancelOrder over gRPC (R13, R27): the agent who captured an order, or a supervisor, cancels it
// with a reason. The order's new state and OrderStateChanged on tm.orders.v1 (key = order id)
// commit together, so fulfilment and reporting learn every cancellation exactly once; the same
// request_id replays the first answer, and a second cancellation is FAILED_PRECONDITION
// (ORDER_ALREADY_CANCELLED).
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/order_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class OrderCancelApi {
 public:
  OrderCancelApi(server::ServiceRuntime& runtime, HybridLogicalClock& hlc)
      : runtime_(runtime), hlc_(hlc) {}

  absl::Status CancelOrder(const auth::Principal& who,
                           const telemarketing::dialing::v1::CancelOrderRequest& request,
                           telemarketing::dialing::v1::CancelOrderResponse& response);

 private:
  absl::StatusOr<telemarketing::dialing::v1::Order> Cancel(
      pqxx::work& tx, const auth::Principal& who,
      const telemarketing::dialing::v1::CancelOrderRequest& request) const;

  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  AgentStore agents_;
  OrderStore orders_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
