#include "services/dialing/api/manual_dial_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/idempotent_mutation.h"
#include "services/dialing/api/own_session.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

absl::Status ManualDialApi::ManualDial(const auth::Principal& who,
                                       const v1::ManualDialRequest& request,
                                       v1::ManualDialResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kAgent},
                                             runtime_.context().region, "dial by hand");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  grpcx::CheckResourceId(request.contact_point_id(), "contact_point_id", "contact point", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid manual dial");

  bool placed_now = false;
  IdempotentMutation<v1::Call> m;
  m.verb = "ManualDial";
  m.request_id = request.request_id();
  m.fingerprint = grpcx::RequestFingerprint(request);
  m.load = [&](pqxx::work& tx, const std::string& id) -> absl::StatusOr<v1::Call> {
    placed_now = false;
    if (absl::Status own = OwnSession(tx, who, request.session_id()).status(); !own.ok()) {
      return own;
    }
    std::optional<CallRow> call = calls_.Find(tx, id);
    if (!call) return absl::NotFoundError(absl::StrCat("call ", id, " not found"));
    return call->call;
  };
  m.change = [&](pqxx::work& tx) -> absl::StatusOr<v1::Call> {
    placed_now = false;
    absl::StatusOr<SessionRow> own = OwnSession(tx, who, request.session_id());
    if (!own.ok()) return own.status();
    absl::StatusOr<CallRow> row = dials_.Place(
        tx, *own, {request.campaign_id(), request.customer_id(), request.contact_point_id()});
    if (!row.ok()) return row.status();
    placed_now = true;
    return row->call;
  };
  m.id_of = [](const v1::Call& c) { return c.call_id(); };
  absl::Status done = MutateOnce(runtime_.pool(), requests_, m, *response.mutable_call());
  if (!done.ok() || !placed_now) return done;
  // Committed before the phone rings: a crash now leaves a DIALING row the restart closes.
  return dial_(response.call());
}

}  // namespace tmk::dialing
