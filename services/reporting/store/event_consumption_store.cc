#include "services/reporting/store/event_consumption_store.h"

#include <tuple>

#include "services/common/events/inbox.h"
#include "services/common/pg/array_literal.h"
#include "services/common/pg/pg_pool.h"

namespace tmk::reporting {

std::vector<bool> EventConsumptionStore::ClaimAndCount(
    pqxx::work& tx, const std::string& consumer,
    absl::Span<const events::ConsumedEvent> events) const {
  const std::vector<bool> fresh = events::ClaimAllInInbox(tx, consumer, events);
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<int64_t, int64_t>> counts;
  for (size_t i = 0; i < events.size(); ++i) {
    const events::ConsumedEvent& e = events[i];
    auto& [consumed, duplicates] = counts[{e.source, e.type, e.topic}];
    ++(fresh[i] ? consumed : duplicates);
  }
  std::vector<std::string> count_sources, count_types, topics, consumed, duplicates;
  for (const auto& [key, count] : counts) {
    count_sources.push_back(std::get<0>(key));
    count_types.push_back(std::get<1>(key));
    topics.push_back(std::get<2>(key));
    consumed.push_back(std::to_string(count.first));
    duplicates.push_back(std::to_string(count.second));
  }
  tx.exec_params(
      "INSERT INTO event_consumption AS c (source, event_type, topic, consumed, duplicates)"
      " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])"
      " ON CONFLICT (source, event_type, topic) DO UPDATE SET"
      " consumed = c.consumed + EXCLUDED.consumed, duplicates = c.duplicates + EXCLUDED.duplicates",
      pg::ArrayLiteral(count_sources), pg::ArrayLiteral(count_types), pg::ArrayLiteral(topics),
      pg::ArrayLiteral(consumed), pg::ArrayLiteral(duplicates));
  return fresh;
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
