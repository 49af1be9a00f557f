#pragma once
// Feeds reporting's projections from events only (R4, R26-R29): calls, leads loaded and campaign
// runtimes (tm.calls.v1), agent states (tm.agents.v1), orders (tm.orders.v1) and campaign
// snapshots (tm.campaigns.v1). Each event is applied in one transaction with its inbox claim and
// its consumption count, so a redelivery changes nothing but the duplicates count; every merge is
// order-independent, so a replay from offset zero into a fresh schema gives identical reports.
// The live floor learns each change after its transaction committed.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/store/agent_projection_store.h"
#include "services/reporting/store/call_projection_store.h"
#include "services/reporting/store/campaign_projection_store.h"
#include "services/reporting/store/event_consumption_store.h"
#include "services/reporting/store/lead_projection_store.h"
#include "services/reporting/store/order_projection_store.h"

namespace tmk::reporting {

class ProjectionConsumer {
 public:
  // The inbox consumer name, and the Kafka group's prefix (the module appends the region).
  static constexpr char kConsumerGroup[] = "reporting";
  static const std::vector<std::string>& Topics();

  ProjectionConsumer(pg::PgPool& pool, LiveFloor& live) : pool_(pool), live_(live) {}

  // The EventConsumer handler: INVALID_ARGUMENT for a payload that can never be applied; other
  // errors are transient and retried. Types reporting does not project are counted and skipped.
  absl::Status Handle(const events::ConsumedEvent& event);

 private:
  absl::Status HandleCall(const events::ConsumedEvent& event);
  absl::Status HandleLeadsLoaded(const events::ConsumedEvent& event);
  absl::Status HandleRuntime(const events::ConsumedEvent& event);
  absl::Status HandleAgent(const events::ConsumedEvent& event);
  absl::Status HandleOrder(const events::ConsumedEvent& event);
  absl::Status HandleCampaign(const events::ConsumedEvent& event);
  // Claims and counts the event in `tx`; true when its effect must be applied.
  bool Claim(pqxx::work& tx, const events::ConsumedEvent& event) const;

  pg::PgPool& pool_;
  LiveFloor& live_;
  CallProjectionStore calls_;
  AgentProjectionStore agents_;
  LeadProjectionStore leads_;
  OrderProjectionStore orders_;
  CampaignProjectionStore campaigns_;
  EventConsumptionStore consumption_;
};

}  // namespace tmk::reporting
