#pragma once
// Keeps dialing's projection of contacts (R2, R5, R6, R10, R19) from tm.contacts.v1 (customer
// snapshots: phones and their screening status, kind, VIP tier, time zone) and
// tm.contact-consent.v1 (consent decisions, do-not-call entries), so the hopper judges every lead
// locally instead of asking contacts per lead. Each event is applied in one transaction with its
// inbox claim (redelivery is a no-op), last-writer-wins by HLC (an older snapshot changes
// nothing; a tombstone erases the customer). When a customer's facts change, their held leads
// are reconsidered and their hopper entries go back, so a number screened out or a customer put
// on do-not-call is not dialed from a hopper filled before.
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"

namespace tmk::dialing {

class ContactsProjectionConsumer {
 public:
  static constexpr char kCustomersTopic[] = "tm.contacts.v1";
  static constexpr char kConsentTopic[] = "tm.contact-consent.v1";
  // The inbox consumer name, and the Kafka consumer group's prefix (the module appends the region).
  static constexpr char kConsumerGroup[] = "dialing-contacts";

  explicit ContactsProjectionConsumer(pg::PgPool& pool) : pool_(pool) {}

  // The EventConsumer handler: INVALID_ARGUMENT for a payload that can never be applied; other
  // errors are transient (the event is retried). Other event types are ignored.
  absl::Status Handle(const events::ConsumedEvent& event);

 private:
  // Applies `write` with the inbox claim; when it changed the projection, the customers' holds
  // and then their hopper entries are released in the same transaction (in that order: see
  // LeadStore::ReleaseHolds), so no fill racing with the change keeps a judgement made on the
  // old facts.
  absl::Status Apply(const events::ConsumedEvent& event,
                     const std::function<std::vector<std::string>(pqxx::work&)>& write);

  pg::PgPool& pool_;
  CustomerCallabilityStore customers_;
  LeadStore leads_;
  HopperStore hopper_;
};

}  // namespace tmk::dialing
