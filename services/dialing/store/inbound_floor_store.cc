#include "services/dialing/store/inbound_floor_store.h"

#include "services/dialing/store/record_column.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

std::vector<StaffedSession> InboundFloorStore::StaffedSessions(pqxx::work& tx) const {
  pqxx::result rows = tx.exec(
      "SELECT s.record, a.record FROM agent_sessions s JOIN agents a USING (agent_id)"
      " WHERE s.logout_time IS NULL ORDER BY s.session_id");
  std::vector<StaffedSession> sessions;
  for (const pqxx::row& row : rows) {
    sessions.push_back({ReadRecord<v1::AgentSession>(row[0]), ReadRecord<v1::Agent>(row[1])});
  }
  return sessions;
}

}  // namespace tmk::dialing
