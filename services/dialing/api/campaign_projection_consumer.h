#pragma once
// Keeps dialing's projection of campaigns and contact policies (R7, R10, R20) from the compacted
// topic tm.campaigns.v1, the only way dialing learns about campaigns: no service reads another
// service's tables. Each event is applied in one transaction with its inbox claim, so redelivery
// is a no-op; the store's HLC rule makes replays and out-of-order snapshots no-ops too.
#include "absl/status/status.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/store/campaign_projection_store.h"

namespace tmk::dialing {

class CampaignProjectionConsumer {
 public:
  static constexpr char kTopic[] = "tm.campaigns.v1";
  // The inbox consumer name, and the Kafka consumer group's prefix (the module appends the region).
  static constexpr char kConsumerGroup[] = "dialing-campaigns";

  CampaignProjectionConsumer(pg::PgPool& pool, const CampaignProjectionStore& store)
      : pool_(pool), store_(store) {}

  // The EventConsumer handler: INVALID_ARGUMENT for a payload that can never be applied; other
  // errors are transient (the event is retried). Event types dialing does not project are
  // ignored.
  absl::Status Handle(const events::ConsumedEvent& event);

 private:
  pg::PgPool& pool_;
  const CampaignProjectionStore& store_;
};

}  // namespace tmk::dialing
