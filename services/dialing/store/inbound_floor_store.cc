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

std::optional<KnownCaller> InboundFloorStore::CallerOf(pqxx::work& tx,
                                                       const std::string& e164) const {
  if (e164.empty()) return std::nullopt;
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id, contact_point_id FROM customer_phones WHERE e164 = $1"
      " ORDER BY rank LIMIT 1",
      e164);
  if (rows.empty()) return std::nullopt;
  return KnownCaller{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::vector<std::string> InboundFloorStore::KnownNumbers(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT e164 FROM customer_phones WHERE e164 <> '' ORDER BY customer_id DESC LIMIT $1",
      limit);
  std::vector<std::string> numbers;
  for (const pqxx::row& row : rows) numbers.push_back(row[0].as<std::string>());
  return numbers;
}

}  // namespace tmk::dialing
