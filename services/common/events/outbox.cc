#include "services/common/events/outbox.h"

#include <chrono>

namespace tmk::events {

std::string OutboxChannel(const std::string& schema) { return "tm_outbox_" + schema; }

void AppendToOutbox(pqxx::work& tx, const OutboundEvent& event) {
  long long micros =
      std::chrono::duration_cast<std::chrono::microseconds>(event.time.time_since_epoch()).count();
  // One round trip: the insert, and a wake-up for the relay on this schema's channel.
  tx.exec_params(
      "WITH appended AS ("
      " INSERT INTO outbox (event_id, topic, message_key, event_type, subject, occurred_at, payload)"
      " VALUES ($1::uuid, $2, $3, $4, $5, to_timestamp($6::float8 / 1e6), $7) RETURNING 1)"
      " SELECT pg_notify('tm_outbox_' || current_schema(), '') FROM appended",
      event.id, event.topic, event.key, event.type, event.subject, micros,
      pqxx::binarystring(event.payload.data(), event.payload.size()));
}

std::vector<pg::Migration> EventTableMigrations() {
  return {
      {"common_0001_outbox.sql", R"sql(
CREATE TABLE outbox (
  seq         bigserial PRIMARY KEY,
  event_id    uuid NOT NULL UNIQUE,
  topic       text NOT NULL,
  message_key text NOT NULL,
  event_type  text NOT NULL,
  subject     text NOT NULL,
  occurred_at timestamptz NOT NULL,
  payload     bytea NOT NULL
);
-- Running totals of what the relay handed to Kafka, per event type: reporting's reconciliation
-- compares them with what it consumed (issue 6).
CREATE TABLE outbox_published (
  event_type text PRIMARY KEY,
  published  bigint NOT NULL
);
)sql"},
      {"common_0002_inbox.sql", R"sql(
-- Event ids each consumer has applied: redelivery of an id already here changes nothing.
CREATE TABLE inbox (
  consumer   text NOT NULL,
  event_id   text NOT NULL,
  event_type text NOT NULL,
  source     text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
)sql"},
  };
}

}  // namespace tmk::events
