#pragma once
// The transactional outbox: a service writes its state change and the event announcing it in the
// same PostgreSQL transaction, so neither exists without the other (ARCHITECTURE.md).
#include <pqxx/pqxx>

#include <vector>

#include "services/common/events/outbound_event.h"
#include "services/common/pg/migration.h"

namespace tmk::events {

// Inserts the event into the outbox of the transaction's schema and wakes the relay (NOTIFY is
// delivered only on commit, so a rolled-back change never even wakes it).
void AppendToOutbox(pqxx::work& tx, const OutboundEvent& event);

// The outbox and inbox tables every service schema carries; run before the service's own.
std::vector<pg::Migration> EventTableMigrations();

// The LISTEN channel of a schema's outbox.
std::string OutboxChannel(const std::string& schema);

}  // namespace tmk::events
