#pragma once
// Keeps this region's read-only replicas of other regions' customers (R5, R32) from the compacted
// tm.contacts.v1: each CustomerSnapshot of another region is upserted (sealed at rest like owned
// data, R6) when its HLC is later than the one held; a deleted one erases the replica. Each event
// is applied in one transaction with its inbox claim, so redelivery changes nothing. This region's
// own snapshots, and snapshots of regions it does not replicate, are skipped without a
// transaction.
#include <set>
#include <string>

#include "absl/status/status.h"
#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/store/replica_store.h"

namespace tmk::contacts {

class ReplicaConsumer {
 public:
  static constexpr char kTopic[] = "tm.contacts.v1";
  // The inbox consumer name, and the Kafka consumer group's prefix (the module appends the
  // region: every region reads every snapshot).
  static constexpr char kConsumerGroup[] = "contacts-replica";

  // `peers`: the regions replicated; empty for every other region.
  ReplicaConsumer(pg::PgPool& pool, const IdentifierCipher& cipher, HybridLogicalClock& hlc,
                  const Clock& clock, std::string region, std::set<std::string> peers)
      : pool_(pool), replicas_(cipher), hlc_(hlc), clock_(clock), region_(std::move(region)),
        peers_(std::move(peers)) {}

  // The EventConsumer handler: INVALID_ARGUMENT for a snapshot that can never be applied.
  absl::Status Handle(const events::ConsumedEvent& event);

 private:
  bool Replicates(const std::string& region) const {
    return region != region_ && (peers_.empty() || peers_.count(region) > 0);
  }

  pg::PgPool& pool_;
  ReplicaStore replicas_;
  HybridLogicalClock& hlc_;
  const Clock& clock_;
  const std::string region_;
  const std::set<std::string> peers_;
};

}  // namespace tmk::contacts
