#pragma once
// Counts what reporting consumed per source, type and topic, and what the producers' relays
// published (ReconcileEvents). The producers' counts are each service's outbox_published table
// (services/common/events/outbox.h), which its relay bumps in the transaction that removes the
// rows it handed to Kafka. Reporting reads only that one counter table of a producer, and only
// when the producer's schema lives in the same database (the all-in-one install and the tests);
// a producer elsewhere is reported as unreachable rather than guessed.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "services/common/events/consumed_event.h"

namespace tmk::reporting {

struct ConsumptionRow {
  std::string source;
  std::string event_type;
  std::string topic;
  int64_t consumed = 0;
  int64_t duplicates = 0;
};

class EventConsumptionStore {
 public:
  // Claims every event in `consumer`'s inbox (events::ClaimAllInInbox, one statement for the
  // batch) and counts them per source, type and topic: consumed when claimed (a first
  // delivery), else a dropped redelivery. True for each event whose effect must be applied: an id
  // the batch holds twice is applied at its first place only.
  std::vector<bool> ClaimAndCount(pqxx::work& tx, const std::string& consumer,
                                  absl::Span<const events::ConsumedEvent> events) const;
  std::vector<ConsumptionRow> List(pqxx::work& tx) const;
  // Events of each type the producer's relay published, from schema `producer_schema`; none when
  // that schema or its counter table is not in this database.
  std::optional<std::map<std::string, int64_t>> Produced(pqxx::work& tx,
                                                         const std::string& producer_schema) const;
};

}  // namespace tmk::reporting
