#include "services/dialing/api/own_session.h"

#include "absl/strings/str_cat.h"
#include "services/dialing/store/agent_store.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

absl::StatusOr<SessionRow> OwnSession(pqxx::work& tx, const auth::Principal& who,
                                      const std::string& session_id) {
  std::optional<SessionRow> row = AgentSessionStore().Find(tx, session_id);
  if (!row) return absl::NotFoundError(absl::StrCat("session ", session_id, " not found"));
  std::optional<v1::Agent> agent = AgentStore().Find(tx, row->session.agent_id());
  if (agent && agent->user_id() == who.subject) return *std::move(row);
  return absl::PermissionDeniedError(absl::StrCat(
      who.subject, " may not act on session ", session_id, ": it belongs to another agent"));
}

}  // namespace tmk::dialing
