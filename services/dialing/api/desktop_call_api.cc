#include "services/dialing/api/desktop_call_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/api/own_session.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

namespace {

constexpr char kVerb[] = "SubmitDisposition";

}  // namespace

absl::StatusOr<v1::SubmitDispositionResponse> DesktopCallApi::Replay(
    pqxx::work& tx, const std::string& call_id, const std::string& session_id) const {
  v1::SubmitDispositionResponse response;
  std::optional<CallRow> call = calls_.Find(tx, call_id);
  if (!call) return absl::NotFoundError(absl::StrCat("call ", call_id, " not found"));
  *response.mutable_call() = call->call;
  if (std::optional<LeadRow> lead = leads_.Find(tx, call->call.lead_id())) {
    *response.mutable_lead() = ToProto(*lead);
  }
  if (std::optional<v1::Order> order = orders_.FindByCall(tx, call_id)) {
    *response.mutable_order() = *order;
  }
  if (std::optional<SessionRow> session = sessions_.Find(tx, session_id)) {
    *response.mutable_session() = session->session;
  }
  return response;
}

absl::Status DesktopCallApi::SubmitDisposition(const auth::Principal& who,
                                               const v1::SubmitDispositionRequest& request,
                                               v1::SubmitDispositionResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kAgent}, runtime_.context().region,
                                             "wrap up calls");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CallWrapUp::CheckRequest(request, v);
  if (!v.empty()) return v.ToStatus("invalid wrap-up");
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  absl::Status done = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (absl::Status own = OwnSession(tx, who, request.session_id()).status(); !own.ok()) {
      return own;
    }
    if (std::optional<RequestRecords::Record> earlier =
            requests_.Find(tx, kVerb, request.request_id())) {
      if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
      absl::StatusOr<v1::SubmitDispositionResponse> replayed =
          Replay(tx, earlier->resource_id, request.session_id());
      if (!replayed.ok()) return replayed.status();
      response = *std::move(replayed);
      return absl::OkStatus();
    }
    absl::StatusOr<v1::SubmitDispositionResponse> submitted =
        wrap_up_.Submit(tx, request, who.subject);
    if (!submitted.ok()) return submitted.status();
    requests_.Save(tx, kVerb, request.request_id(), {request.call_id(), fingerprint});
    response = *std::move(submitted);
    return absl::OkStatus();
  });
  if (done.ok() && wrapped_up_) wrapped_up_(response.call());
  return done;
}

}  // namespace tmk::dialing
