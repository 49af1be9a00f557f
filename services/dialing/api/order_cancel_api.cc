#include "services/dialing/api/order_cancel_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/idempotent_mutation.h"
#include "services/dialing/domain/order_cancellation.h"
#include "telemarketing/events/v1/order_events.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using auth::Role;

namespace {

constexpr size_t kMaxReason = 500;

}  // namespace

absl::StatusOr<v1::Order> OrderCancelApi::Cancel(pqxx::work& tx, const auth::Principal& who,
                                                 const v1::CancelOrderRequest& request) const {
  std::optional<v1::Order> order = orders_.Find(tx, request.order_id(), /*for_update=*/true);
  if (!order) return absl::NotFoundError(absl::StrCat("order ", request.order_id(), " not found"));
  OrderCanceller canceller;
  canceller.supervises = who.HasRole(Role::kSupervisor) || who.HasRole(Role::kAdmin);
  if (std::optional<v1::Agent> agent = agents_.Find(tx, order->agent_id())) {
    canceller.owns_order = agent->user_id() == who.subject;
  }
  if (absl::Status allowed =
          CheckOrderCancellation(static_cast<OrderState>(order->state()), canceller);
      !allowed.ok()) {
    return allowed;
  }
  const v1::OrderState previous = order->state();
  order->set_state(v1::ORDER_STATE_CANCELLED);
  *order->mutable_update_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
  orders_.Update(tx, *order);
  ev::OrderStateChanged event;
  *event.mutable_order() = *order;
  event.set_previous_state(previous);
  event.set_reason(request.reason());
  event.set_region_id(runtime_.context().region);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  events::AppendToOutbox(tx, events::MakeEvent("tm.orders.v1", order->order_id(),
                                               "orders/" + order->order_id(), event,
                                               runtime_.context().clock));
  return *order;
}

absl::Status OrderCancelApi::CancelOrder(const auth::Principal& who,
                                         const v1::CancelOrderRequest& request,
                                         v1::CancelOrderResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {Role::kAgent, Role::kSupervisor, Role::kAdmin},
                                             runtime_.context().region, "cancel orders");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.order_id(), "order_id", "order", v);
  if (request.reason().empty()) v.Add("reason", "required: fulfilment and reporting show it");
  if (request.reason().size() > kMaxReason) {
    v.Add("reason", absl::StrCat("at most ", kMaxReason, " bytes"));
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid order cancellation");
  IdempotentMutation<v1::Order> m;
  m.verb = "CancelOrder";
  m.request_id = request.request_id();
  m.fingerprint = grpcx::RequestFingerprint(request);
  m.load = [&](pqxx::work& tx, const std::string& id) -> absl::StatusOr<v1::Order> {
    std::optional<v1::Order> order = orders_.Find(tx, id);
    if (!order) return absl::NotFoundError(absl::StrCat("order ", id, " not found"));
    return *order;
  };
  m.change = [&](pqxx::work& tx) { return Cancel(tx, who, request); };
  m.id_of = [](const v1::Order& o) { return o.order_id(); };
  return MutateOnce(runtime_.pool(), requests_, m, *response.mutable_order());
}

}  // namespace tmk::dialing
