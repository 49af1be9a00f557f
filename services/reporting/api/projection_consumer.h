#pragma once
// Feeds reporting's projections from events only (R4, R26-R29): calls, leads loaded and campaign
// runtimes (tm.calls.v1), agent states (tm.agents.v1), orders (tm.orders.v1) and campaign
// snapshots (tm.campaigns.v1). Each event is applied with its inbox claim and its consumption
// count in the same transaction (one per event, or one per batch when catching up), so a
// redelivery changes nothing but the duplicates count; every merge is order-independent, so a
// replay from offset zero into a fresh schema gives identical reports. A batch is claimed and
// counted in one statement and its call events, the bulk of the traffic, are applied set-based
// (CallBatch). The live floor learns each change after its transaction committed.
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "services/common/events/consumed_event.h"
#include "services/common/pg/pg_pool.h"
#include "services/reporting/api/call_batch.h"
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
  // Events applied in one transaction at most: large enough that commits stop dominating a
  // backlog, small enough that a batch rolled back to single events costs little.
  static constexpr int kBatchEvents = 1000;

  ProjectionConsumer(pg::PgPool& pool, LiveFloor& live) : pool_(pool), live_(live) {}

  // The EventConsumer handler: INVALID_ARGUMENT for a payload that can never be applied; other
  // errors are transient and retried. Types reporting does not project are counted and skipped.
  absl::Status Handle(const events::ConsumedEvent& event);
  // The EventConsumer batch handler (R26-R29 throughput): `batch` gives the projections exactly
  // what Handle gives them event by event, in ONE transaction and set-based (a few statements per
  // table for the whole batch; Handle is a batch of one). Any error rolls the whole batch back
  // (the consumer then re-applies it event by event).
  absl::Status HandleBatch(const std::vector<events::ConsumedEvent>& batch);

 private:
  // What the live floor learns once the transaction that applied an event committed.
  using AfterCommit = std::function<void()>;
  using AfterCommits = std::vector<AfterCommit>;

  // Applies `events` in one transaction, then tells the live floor.
  absl::Status ApplyAll(absl::Span<const events::ConsumedEvent> events);
  // The effects of a batch's call and agent events, the bulk of the traffic, gathered while the
  // batch is read and written set-based once it is read.
  struct Pending {
    CallBatch calls;
    std::vector<AgentStateSpan> spans;
    std::vector<AgentCurrent> agents;
  };

  // Checks one event and, when `fresh` (claimed: a first delivery), applies its effects in `tx`
  // or adds them to `pending`. A redelivery is checked too, so a malformed event is refused
  // whether or not its id was seen.
  absl::Status Apply(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh,
                     Pending& pending, AfterCommits& after);
  // Writes what `pending` gathered.
  absl::Status ApplyPending(pqxx::work& tx, const Pending& pending, AfterCommits& after);
  absl::Status ApplyCall(const events::ConsumedEvent& event, bool fresh, CallBatch& calls);
  absl::Status ApplyLeadsLoaded(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh);
  absl::Status ApplyRuntime(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh,
                            AfterCommits& after);
  absl::Status ApplyAgent(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh,
                          Pending& pending, AfterCommits& after);
  absl::Status ApplyOrder(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh);
  absl::Status ApplyCampaign(pqxx::work& tx, const events::ConsumedEvent& event, bool fresh,
                             AfterCommits& after);

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
