#pragma once
// The connected call an agent's own session holds (R19): what every RPC acting on a live call
// checks before it changes anything.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "services/dialing/store/call_store.h"

namespace tmk::dialing {

// The call, locked: NOT_FOUND for an unknown session or call, PERMISSION_DENIED for another
// agent's session or (reason CALL_NOT_HELD) a call the session does not hold, FAILED_PRECONDITION
// CALL_NOT_CONNECTED for a call not connected.
absl::StatusOr<CallRow> HeldConnectedCall(pqxx::work& tx, const auth::Principal& who,
                                          const std::string& session_id,
                                          const std::string& call_id);

}  // namespace tmk::dialing
