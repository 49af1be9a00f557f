#pragma once
// Calls and orders over gRPC for supervisors, QA and integrators (R4, R13, R26, R27): read one,
// list them newest first. Agents read the calls they handled.
#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/order_store.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class CallApi {
 public:
  explicit CallApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

  absl::Status GetCall(const auth::Principal& who,
                       const telemarketing::dialing::v1::GetCallRequest& request,
                       telemarketing::dialing::v1::GetCallResponse& response);
  // Filters campaign, lead, customer and agent; the others are not supported yet
  // (INVALID_ARGUMENT naming them rather than a silently wider answer).
  absl::Status ListCalls(const auth::Principal& who,
                         const telemarketing::dialing::v1::ListCallsRequest& request,
                         telemarketing::dialing::v1::ListCallsResponse& response);
  absl::Status GetOrder(const auth::Principal& who,
                        const telemarketing::dialing::v1::GetOrderRequest& request,
                        telemarketing::dialing::v1::GetOrderResponse& response);
  // Filter campaign; the others likewise refused for now.
  absl::Status ListOrders(const auth::Principal& who,
                          const telemarketing::dialing::v1::ListOrdersRequest& request,
                          telemarketing::dialing::v1::ListOrdersResponse& response);

 private:
  absl::Status Authorize(const auth::Principal& who) const;

  server::ServiceRuntime& runtime_;
  CallStore calls_;
  OrderStore orders_;
};

}  // namespace tmk::dialing
