#include "services/reporting/store/event_consumption_store.h"

#include "services/common/pg/pg_pool.h"

namespace tmk::reporting {

void EventConsumptionStore::Count(pqxx::work& tx, const std::string& source,
                                  const std::string& event_type, const std::string& topic,
                                  bool applied) const {
  tx.exec_params(
      "INSERT INTO event_consumption AS c (source, event_type, topic, consumed, duplicates)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source, event_type, topic) DO UPDATE SET"
      " consumed = c.consumed + EXCLUDED.consumed, duplicates = c.duplicates + EXCLUDED.duplicates",
      source, event_type, topic, applied ? 1 : 0, applied ? 0 : 1);
}

std::vector<ConsumptionRow> EventConsumptionStore::List(pqxx::work& tx) const {
  std::vector<ConsumptionRow> rows;
  for (const auto& row : tx.exec(
           "SELECT source, event_type, topic, consumed, duplicates FROM event_consumption"
           " ORDER BY source, event_type, topic")) {
    rows.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                    row[3].as<int64_t>(), row[4].as<int64_t>()});
  }
  return rows;
}

std::optional<std::map<std::string, int64_t>> EventConsumptionStore::Produced(
    pqxx::work& tx, const std::string& producer_schema) const {
  pqxx::result exists = tx.exec_params(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = $1"
      " AND table_name = 'outbox_published'",
      producer_schema);
  if (exists.empty()) return std::nullopt;
  std::map<std::string, int64_t> produced;
  for (const auto& row : tx.exec("SELECT event_type, published FROM " +
                                 pg::QuoteIdentifier(producer_schema) + ".outbox_published")) {
    produced.emplace(row[0].as<std::string>(), row[1].as<int64_t>());
  }
  return produced;
}

}  // namespace tmk::reporting
