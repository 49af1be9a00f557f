#include "services/dialing/api/service_call_wrap_up.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/dialing/domain/service_dispositions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

std::vector<v1::DispositionChoice> ServiceDispositionChoices() {
  std::vector<v1::DispositionChoice> choices;
  for (const campaigns::Disposition& d : ServiceDispositions()) {
    v1::DispositionChoice& choice = choices.emplace_back();
    choice.set_code(d.code);
    choice.set_display_name(d.display_name);
  }
  return choices;
}

StateRequest StateAfterWrapUp(const v1::SubmitDispositionRequest& r) {
  StateRequest next;
  next.target = r.pause_after() == v1::PAUSE_REASON_UNSPECIFIED ? AgentState::kReady
                                                                 : AgentState::kPaused;
  next.pause_reason = static_cast<PauseReason>(r.pause_after());
  next.pause_note = r.pause_after() == v1::PAUSE_REASON_OTHER ? "after wrap-up" : "";
  next.cause = StateCause::kAgent;
  return next;
}

absl::StatusOr<v1::SubmitDispositionResponse> ServiceCallWrapUp::Submit(
    pqxx::work& tx, CallRow& row, SessionRow session, const v1::SubmitDispositionRequest& r) const {
  const campaigns::Disposition* disposition = FindServiceDisposition(r.disposition_code());
  Violations v;
  if (disposition == nullptr) {
    v.Add("disposition_code", absl::StrCat("'", r.disposition_code(),
                                           "' is not a service outcome: a call with no "
                                           "cross-sell takes one of the service codes"));
  }
  constexpr char kNeedsCampaign[] = "a service call has no campaign: open a cross-sell first";
  if (r.has_callback()) v.Add("callback", kNeedsCampaign);
  if (r.has_order()) v.Add("order", kNeedsCampaign);
  if (r.has_feedback()) v.Add("feedback", kNeedsCampaign);
  if (!v.empty()) return v.ToStatus("invalid wrap-up");

  absl::StatusOr<v1::AgentSession> after =
      sessions_.Change(tx, std::move(session), StateAfterWrapUp(r), "agent");
  if (!after.ok()) return after.status();

  v1::Call& call = row.call;
  const google::protobuf::Timestamp now = grpcx::ToProtoTime(clock_.Now());
  call.set_state(v1::CALL_STATE_DISPOSITIONED);
  call.set_outcome(static_cast<telemarketing::common::v1::CallOutcome>(disposition->outcome));
  call.set_disposition_code(disposition->code);
  *call.mutable_disposition_time() = now;
  *call.mutable_wrap_up_duration() = now - call.end_time();
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    ev::CallDispositioned* d = e.mutable_dispositioned();
    d->set_disposition_code(disposition->code);
    d->set_outcome(call.outcome());
    *d->mutable_wrap_up_duration() = call.wrap_up_duration();
  });

  v1::SubmitDispositionResponse response;
  *response.mutable_call() = call;
  *response.mutable_session() = *after;
  return response;
}

}  // namespace tmk::dialing
