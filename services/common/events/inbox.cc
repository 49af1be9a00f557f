#include "services/common/events/inbox.h"

#include <set>

#include "services/common/pg/array_literal.h"

namespace tmk::events {

bool ClaimInInbox(pqxx::work& tx, const std::string& consumer, const ConsumedEvent& event) {
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO inbox (consumer, event_id, event_type, source) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT DO NOTHING RETURNING 1",
      consumer, event.id, event.type, event.source);
  return !inserted.empty();
}

std::vector<bool> ClaimAllInInbox(pqxx::work& tx, const std::string& consumer,
                                  absl::Span<const ConsumedEvent> events) {
  std::vector<std::string> ids, types, sources;
  for (const ConsumedEvent& e : events) {
    ids.push_back(e.id);
    types.push_back(e.type);
    sources.push_back(e.source);
  }
  // ON CONFLICT DO NOTHING also drops an id the batch repeats: it comes back once.
  std::set<std::string> claimed;
  for (const auto& row : tx.exec_params(
           "INSERT INTO inbox (consumer, event_id, event_type, source)"
           " SELECT $1, u.id, u.type, u.source FROM unnest($2::text[], $3::text[], $4::text[])"
           " AS u(id, type, source) ON CONFLICT DO NOTHING RETURNING event_id",
           consumer, pg::ArrayLiteral(ids), pg::ArrayLiteral(types), pg::ArrayLiteral(sources))) {
    claimed.insert(row[0].as<std::string>());
  }
  std::vector<bool> fresh;
  fresh.reserve(events.size());
  for (const ConsumedEvent& e : events) fresh.push_back(claimed.erase(e.id) > 0);
  return fresh;
}

}  // namespace tmk::events
