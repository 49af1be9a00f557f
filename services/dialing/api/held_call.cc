#include "services/dialing/api/held_call.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/dialing/api/own_session.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

absl::StatusOr<CallRow> HeldConnectedCall(pqxx::work& tx, const auth::Principal& who,
                                          const std::string& session_id,
                                          const std::string& call_id) {
  if (absl::Status own = OwnSession(tx, who, session_id).status(); !own.ok()) return own;
  std::optional<CallRow> row = CallStore().Find(tx, call_id, /*for_update=*/true);
  if (!row) return absl::NotFoundError(absl::StrCat("call ", call_id, " not found"));
  if (row->call.session_id() != session_id) {
    return WithReason(absl::PermissionDeniedError(absl::StrCat(
                          "session ", session_id, " does not hold call ", call_id)),
                      "CALL_NOT_HELD");
  }
  if (row->call.state() != v1::CALL_STATE_CONNECTED) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "call ", call_id, " is ", v1::CallState_Name(row->call.state()),
                          ", not CONNECTED")),
                      "CALL_NOT_CONNECTED");
  }
  return *std::move(row);
}

}  // namespace tmk::dialing
