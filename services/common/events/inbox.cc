#include "services/common/events/inbox.h"

namespace tmk::events {

bool ClaimInInbox(pqxx::work& tx, const std::string& consumer, const ConsumedEvent& event) {
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO inbox (consumer, event_id, event_type, source) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT DO NOTHING RETURNING 1",
      consumer, event.id, event.type, event.source);
  return !inserted.empty();
}

}  // namespace tmk::events
