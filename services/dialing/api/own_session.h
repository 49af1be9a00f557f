#pragma once
// An agent acts only on their own session (R19): the one rule every desktop RPC checks first.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "services/dialing/store/agent_session_store.h"

namespace tmk::dialing {

// The session, when the caller is its agent: NOT_FOUND for an unknown session, PERMISSION_DENIED
// for another agent's.
absl::StatusOr<SessionRow> OwnSession(pqxx::work& tx, const auth::Principal& who,
                                      const std::string& session_id);

}  // namespace tmk::dialing
