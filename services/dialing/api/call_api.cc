#include "services/dialing/api/call_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;

absl::Status CallApi::Authorize(const auth::Principal& who) const {
  return auth::Authorize(who, {Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kQaAnalyst,
                               Role::kIntegrator},
                         runtime_.context().region, "read calls and orders");
}

absl::Status CallApi::GetCall(const auth::Principal& who, const v1::GetCallRequest& request,
                              v1::GetCallResponse& response) {
  if (absl::Status allowed = Authorize(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.call_id(), "call_id", "call", v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<CallRow> row = calls_.Find(tx, request.call_id());
    if (!row) return absl::NotFoundError(absl::StrCat("call ", request.call_id(), " not found"));
    *response.mutable_call() = std::move(row->call);
    return absl::OkStatus();
  });
}

absl::Status CallApi::ListCalls(const auth::Principal& who, const v1::ListCallsRequest& request,
                                v1::ListCallsResponse& response) {
  if (absl::Status allowed = Authorize(who); !allowed.ok()) return allowed;
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  if (!request.queue_id().empty()) v.Add("queue_id", "not supported as a filter yet");
  if (request.direction() != 0) v.Add("direction", "not supported as a filter yet");
  if (!request.outcomes().empty()) v.Add("outcomes", "not supported as a filter yet");
  if (request.has_start_time() || request.has_end_time()) {
    v.Add("start_time", "not supported as a filter yet");
  }
  const CallFilter filter{request.campaign_id(), request.lead_id(), request.customer_id(),
                          request.agent_id()};
  const std::string kind = absl::StrCat("calls:", filter.campaign_id, ":", filter.lead_id, ":",
                                        filter.customer_id, ":", filter.agent_id);
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<v1::Call> page = calls_.List(tx, filter, limit + 1, *after);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::Call& c : page) *response.add_calls() = std::move(c);
    if (more) response.set_next_page_token(grpcx::NextPageToken(kind, page.back().call_id()));
    return absl::OkStatus();
  });
}

absl::Status CallApi::GetOrder(const auth::Principal& who, const v1::GetOrderRequest& request,
                               v1::GetOrderResponse& response) {
  if (absl::Status allowed = Authorize(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.order_id(), "order_id", "order", v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Order> order = orders_.Find(tx, request.order_id());
    if (!order) {
      return absl::NotFoundError(absl::StrCat("order ", request.order_id(), " not found"));
    }
    *response.mutable_order() = *std::move(order);
    return absl::OkStatus();
  });
}

absl::Status CallApi::ListOrders(const auth::Principal& who, const v1::ListOrdersRequest& request,
                                 v1::ListOrdersResponse& response) {
  if (absl::Status allowed = Authorize(who); !allowed.ok()) return allowed;
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  if (!request.customer_id().empty()) v.Add("customer_id", "not supported as a filter yet");
  if (!request.agent_id().empty()) v.Add("agent_id", "not supported as a filter yet");
  if (!request.states().empty()) v.Add("states", "not supported as a filter yet");
  if (request.has_start_time() || request.has_end_time()) {
    v.Add("start_time", "not supported as a filter yet");
  }
  const std::string kind = absl::StrCat("orders:", request.campaign_id());
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<v1::Order> page = orders_.List(tx, request.campaign_id(), limit + 1, *after);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::Order& o : page) *response.add_orders() = std::move(o);
    if (more) response.set_next_page_token(grpcx::NextPageToken(kind, page.back().order_id()));
    return absl::OkStatus();
  });
}

}  // namespace tmk::dialing
