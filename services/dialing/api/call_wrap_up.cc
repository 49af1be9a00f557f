#include "services/dialing/api/call_wrap_up.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/calendar/local_date_time.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/api/order_capture.h"
#include "services/dialing/domain/callback_plan.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

namespace {

constexpr size_t kMaxNotes = 4000;

absl::Status Refuse(absl::Status status, const char* reason) {
  return WithReason(std::move(status), reason);
}

}  // namespace

void CallWrapUp::CheckRequest(const v1::SubmitDispositionRequest& r, Violations& v) {
  grpcx::CheckResourceId(r.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(r.call_id(), "call_id", "call", v);
  if (r.disposition_code().empty()) v.Add("disposition_code", "required");
  if (r.has_callback() && !r.callback().has_callback_time()) {
    v.Add("callback.callback_time", "required");
  }
  if (r.has_feedback() && r.feedback().reasons().empty()) {
    v.Add("feedback.reasons", "at least one reason (R12)");
  }
  if (r.feedback().sentiment() < -2 || r.feedback().sentiment() > 2) {
    v.Add("feedback.sentiment", "between -2 and 2");
  }
  if (r.notes().size() > kMaxNotes) v.Add("notes", absl::StrCat("at most ", kMaxNotes, " bytes"));
  for (int i = 0; i < r.profile_changes_size(); ++i) {
    if (r.profile_changes(i).field().empty()) {
      v.Add(absl::StrCat("profile_changes[", i, "].field"), "required");
    }
  }
  for (int i = 0; i < r.contact_point_changes_size(); ++i) {
    const v1::ContactPointChange& c = r.contact_point_changes(i);
    const std::string at = absl::StrCat("contact_point_changes[", i, "]");
    if (c.action() == v1::CONTACT_POINT_ACTION_UNSPECIFIED) v.Add(at + ".action", "required");
    if (c.action() == v1::CONTACT_POINT_ACTION_ADD ? c.value().empty()
                                                   : c.contact_point_id().empty()) {
      v.Add(at + (c.action() == v1::CONTACT_POINT_ACTION_ADD ? ".value" : ".contact_point_id"),
            "required");
    }
  }
  grpcx::CheckRequestId(r.request_id(), v);
  if (r.request_id().empty()) v.Add("request_id", "required: a retried wrap-up must not apply twice");
}

absl::Status CallWrapUp::CheckCallbackWindows(pqxx::work& tx, const v1::Call& call,
                                              TimePoint callback_time) const {
  absl::StatusOr<CampaignDialingRules> rules =
      LoadCampaignRules(tx, campaigns_, call.campaign_id());
  if (!rules.ok()) return rules.status();
  const auto customers = customers_.Find(tx, {call.customer_id()});
  auto customer = customers.find(call.customer_id());
  const int kind = customer == customers.end() ? 0 : customer->second.kind;
  const std::string zone = customer == customers.end() ? "" : customer->second.time_zone;
  return CheckInsideCallingWindows(
      callback_time, rules->CalendarsFor(kind),
      calendar::ResolveTimeZone(zone, rules->windows.fallback_time_zone));
}

// R2, R3: contacts owns the customer; the changes wait here until it has them.
void CallWrapUp::QueueContactsChanges(pqxx::work& tx, const v1::Call& call,
                                      const v1::SubmitDispositionRequest& r, TimePoint now) const {
  for (const v1::ProfileFieldChange& change : r.profile_changes()) {
    forwarding_.Insert(tx,
                       {NewId(clock_), call.customer_id(), call.call_id(), call.agent_id(),
                        ForwardKind::kProfileField, change.SerializeAsString()},
                       now);
  }
  for (const v1::ContactPointChange& change : r.contact_point_changes()) {
    forwarding_.Insert(tx,
                       {NewId(clock_), call.customer_id(), call.call_id(), call.agent_id(),
                        ForwardKind::kContactPoint, change.SerializeAsString()},
                       now);
  }
}

absl::StatusOr<v1::SubmitDispositionResponse> CallWrapUp::Submit(
    pqxx::work& tx, const v1::SubmitDispositionRequest& r, const std::string& creator_id) const {
  std::optional<CallRow> row = calls_.Find(tx, r.call_id(), /*for_update=*/true);
  if (!row) return absl::NotFoundError(absl::StrCat("call ", r.call_id(), " not found"));
  absl::StatusOr<SessionRow> session = sessions_.Lock(tx, r.session_id());
  if (!session.ok()) return session.status();
  v1::Call& call = row->call;
  if (call.session_id() != r.session_id()) {
    return Refuse(absl::PermissionDeniedError(absl::StrCat(
                      "session ", r.session_id(), " does not hold call ", r.call_id())),
                  "CALL_NOT_HELD");
  }
  if (call.state() == v1::CALL_STATE_DISPOSITIONED) {
    return Refuse(absl::FailedPreconditionError(absl::StrCat(
                      "call ", r.call_id(), " was already wrapped up with ",
                      call.disposition_code())),
                  "ALREADY_DISPOSITIONED");
  }
  if (call.state() != v1::CALL_STATE_ENDED) {
    return Refuse(absl::FailedPreconditionError(absl::StrCat(
                      "call ", r.call_id(), " is ", v1::CallState_Name(call.state()),
                      ": wrap-up follows the end of the call")),
                  "CALL_NOT_ENDED");
  }
  if (call.campaign_id().empty()) {  // an inbound service call with no cross-sell (R18)
    auto done = service_calls_.Submit(tx, *row, *std::move(session), r);
    if (done.ok() && !call.customer_id().empty()) QueueContactsChanges(tx, call, r, clock_.Now());
    return done;
  }
  absl::StatusOr<CampaignWrapUpRules> rules =
      LoadWrapUpRules(tx, campaigns_, call.campaign_id());
  if (!rules.ok()) return rules.status();
  const campaigns::Disposition* disposition = rules->Find(r.disposition_code());
  Violations v;
  if (disposition == nullptr) {
    v.Add("disposition_code", absl::StrCat("'", r.disposition_code(),
                                           "' is not an active code of the campaign's set"));
    return v.ToStatus("invalid wrap-up");
  }
  v1::Order order;
  if (r.has_order()) order = CaptureOrder(r.order(), rules->snapshot.campaign(), "order", v);
  if (!v.empty()) return v.ToStatus("invalid wrap-up");

  WrapUp wrap_up;
  wrap_up.agent_id = call.agent_id();
  wrap_up.order_present = r.has_order();
  wrap_up.feedback_present = r.has_feedback();
  if (r.has_callback()) {
    CallbackRequest callback;
    callback.callback_time = grpcx::FromProtoTime(r.callback().callback_time());
    callback.ownership = static_cast<CallbackOwnership>(r.callback().ownership());
    callback.contact_point_id = r.callback().contact_point_id();
    wrap_up.callback = callback;
  }
  absl::StatusOr<LeadWrapUpResult> result =
      leads_.Apply(tx, call, *rules, *disposition, wrap_up, creator_id);
  if (!result.ok()) return result.status();
  // Checked after the rules so a time in the past is the field violation it is.
  if (wrap_up.callback) {
    if (absl::Status inside = CheckCallbackWindows(tx, call, wrap_up.callback->callback_time);
        !inside.ok()) {
      return inside;
    }
  }

  const TimePoint now = clock_.Now();
  const google::protobuf::Timestamp now_proto = grpcx::ToProtoTime(now);
  v1::SubmitDispositionResponse response;
  if (r.has_order()) {
    order.set_order_id(NewId(clock_));
    order.set_call_id(call.call_id());
    order.set_lead_id(call.lead_id());
    order.set_campaign_id(call.campaign_id());
    order.set_customer_id(call.customer_id());
    order.set_agent_id(call.agent_id());
    order.set_variant_id(call.variant_id());
    order.set_state(v1::ORDER_STATE_CAPTURED);
    for (const v1::Callback& c : result->callbacks) {
      if (c.kind() == v1::CALLBACK_KIND_AFTER_SALE_CHECK) {
        order.set_after_sale_callback_id(c.callback_id());
      }
    }
    *order.mutable_create_time() = now_proto;
    *order.mutable_update_time() = now_proto;
    orders_.Insert(tx, order);
    events_.OrderCaptured(tx, order);
    *response.mutable_order() = order;
  }
  if (result->forward_feedback) {
    events_.FeedbackRecorded(tx, call, rules->snapshot.campaign().type(),
                             static_cast<int>(result->lead.facts.intention_class), r.feedback());
  }
  QueueContactsChanges(tx, call, r, now);

  absl::StatusOr<v1::AgentSession> after =
      sessions_.Change(tx, *session, StateAfterWrapUp(r), "agent");
  if (!after.ok()) return after.status();

  call.set_state(v1::CALL_STATE_DISPOSITIONED);
  call.set_outcome(static_cast<telemarketing::common::v1::CallOutcome>(disposition->outcome));
  call.set_disposition_code(disposition->code);
  *call.mutable_disposition_time() = now_proto;
  *call.mutable_wrap_up_duration() = now_proto - call.end_time();
  ledger_.Step(tx, *row, [&](ev::CallEvent& e) {
    ev::CallDispositioned* d = e.mutable_dispositioned();
    *d = DescribeWrapUp(*result, *disposition);
    d->set_order_id(order.order_id());
    *d->mutable_wrap_up_duration() = call.wrap_up_duration();
  });

  *response.mutable_call() = call;
  *response.mutable_lead() = ToProto(result->lead);
  *response.mutable_callbacks() = {result->callbacks.begin(), result->callbacks.end()};
  *response.mutable_session() = *after;
  return response;
}

}  // namespace tmk::dialing
