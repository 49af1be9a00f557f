#include "services/reporting/api/projection_consumer.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/reporting/api/call_step_mapping.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"

namespace tmk::reporting {
namespace ev1 = telemarketing::events::v1;
namespace dv1 = telemarketing::dialing::v1;

namespace {

template <typename Message>
absl::Status Parse(const events::ConsumedEvent& event, Message& message) {
  if (!message.ParseFromString(event.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat(event.type, " payload does not parse (ce_id ", event.id, ")"));
  }
  return absl::OkStatus();
}

template <typename Message>
bool Is(const events::ConsumedEvent& event) {
  return event.type == Message::descriptor()->full_name();
}

std::string Decimal(const telemarketing::common::v1::Money& money) {
  // units and nanos share a sign; print them as one exact decimal.
  const bool negative = money.units() < 0 || money.nanos() < 0;
  int64_t units = money.units() < 0 ? -money.units() : money.units();
  int32_t nanos = money.nanos() < 0 ? -money.nanos() : money.nanos();
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09d", nanos);
  return absl::StrCat(negative ? "-" : "", units, ".", fraction);
}

std::string OrderSummary(const dv1::Order& order) {
  std::vector<std::string> items;
  for (const auto& item : order.items()) {
    items.push_back(absl::StrCat(item.quantity(), " x ", item.display_name().empty() ? item.sku()
                                                                                    : item.display_name()));
  }
  return items.empty() ? "Order" : absl::StrCat("Ordered ", absl::StrJoin(items, ", "));
}

}  // namespace

const std::vector<std::string>& ProjectionConsumer::Topics() {
  // tm.feedback.v1 is only counted (reconciliation) until feedback reports exist.
  static const std::vector<std::string> topics = {"tm.calls.v1", "tm.agents.v1", "tm.orders.v1",
                                                  "tm.campaigns.v1", "tm.feedback.v1"};
  return topics;
}

absl::Status ProjectionConsumer::Handle(const events::ConsumedEvent& event) {
  return ApplyAll(absl::MakeConstSpan(&event, 1));
}

absl::Status ProjectionConsumer::HandleBatch(const std::vector<events::ConsumedEvent>& batch) {
  return ApplyAll(batch);
}

absl::Status ProjectionConsumer::ApplyAll(absl::Span<const events::ConsumedEvent> events) {
  AfterCommits after;
  absl::Status status = pool_.Transact([&](pqxx::work& tx) {
    after.clear();  // a retried transaction starts over
    const std::vector<bool> fresh = consumption_.ClaimAndCount(tx, kConsumerGroup, events);
    Pending pending;
    for (size_t i = 0; i < events.size(); ++i) {
      if (absl::Status applied = Apply(tx, events[i], fresh[i], pending, after); !applied.ok()) {
        return applied;
      }
    }
    return ApplyPending(tx, pending, after);
  });
  if (status.ok()) {
    for (const AfterCommit& tell : after) tell();
  }
  return status;
}

absl::Status ProjectionConsumer::ApplyPending(pqxx::work& tx, const Pending& pending,
                                              AfterCommits& after) {
  agents_.AddSpans(tx, pending.spans);
  agents_.UpsertCurrent(tx, pending.agents);
  CallBatch::Applied applied;
  if (absl::Status stored = pending.calls.Apply(tx, calls_, leads_, applied); !stored.ok()) {
    return stored;
  }
  if (!applied.calls.empty()) {
    after.push_back([this, applied = std::move(applied)] {
      for (const CallFacts& facts : applied.calls) live_.ApplyCall(facts);
      live_.Touch(applied.latest);
    });
  }
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::Apply(pqxx::work& tx, const events::ConsumedEvent& event,
                                       bool fresh, Pending& pending, AfterCommits& after) {
  if (Is<ev1::CallEvent>(event)) return ApplyCall(event, fresh, pending.calls);
  if (Is<ev1::LeadsLoaded>(event)) return ApplyLeadsLoaded(tx, event, fresh);
  if (Is<ev1::CampaignRuntimeChanged>(event)) return ApplyRuntime(tx, event, fresh, after);
  if (Is<ev1::AgentEvent>(event)) return ApplyAgent(tx, event, fresh, pending, after);
  if (Is<ev1::OrderCaptured>(event) || Is<ev1::OrderStateChanged>(event)) {
    return ApplyOrder(tx, event, fresh);
  }
  if (Is<ev1::CampaignSnapshot>(event)) return ApplyCampaign(tx, event, fresh, after);
  // Counted for reconciliation (ClaimAndCount), nothing projected (scripts, policies, newer types).
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyCall(const events::ConsumedEvent& event, bool fresh,
                                           CallBatch& calls) {
  ev1::CallEvent call;
  if (absl::Status parsed = Parse(event, call); !parsed.ok()) return parsed;
  absl::StatusOr<CallStep> step = ToCallStep(call);
  if (!step.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(step.status().message(), " (ce_id ", event.id, ")"));
  }
  if (fresh) calls.Add({call.call_id(), call.sequence(), event.payload}, *std::move(step));
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyLeadsLoaded(pqxx::work& tx,
                                                  const events::ConsumedEvent& event, bool fresh) {
  ev1::LeadsLoaded loaded;
  if (absl::Status parsed = Parse(event, loaded); !parsed.ok()) return parsed;
  if (loaded.campaign_id().empty() || !loaded.has_occur_time()) {
    return absl::InvalidArgumentError(absl::StrCat("LeadsLoaded without campaign or time (ce_id ", event.id, ")"));
  }
  if (fresh) {
    leads_.AddLeadsLoaded(tx, loaded.campaign_id(), grpcx::FromProtoTime(loaded.occur_time()),
                          loaded.created());
  }
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyRuntime(pqxx::work& tx, const events::ConsumedEvent& event,
                                              bool fresh, AfterCommits& after) {
  ev1::CampaignRuntimeChanged changed;
  if (absl::Status parsed = Parse(event, changed); !parsed.ok()) return parsed;
  const std::string& campaign_id = changed.campaign_runtime().campaign_id();
  if (campaign_id.empty() || !changed.has_occur_time()) {
    return absl::InvalidArgumentError(absl::StrCat("CampaignRuntimeChanged without campaign or time (ce_id ", event.id, ")"));
  }
  const TimePoint time = grpcx::FromProtoTime(changed.occur_time());
  if (!fresh) return absl::OkStatus();
  campaigns_.UpsertRuntime(tx, campaign_id, time, changed.campaign_runtime().SerializeAsString());
  after.push_back([this, runtime = changed.campaign_runtime(), time] {
    live_.ApplyRuntime(runtime, time);
    live_.Touch(time);
  });
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyAgent(pqxx::work& tx, const events::ConsumedEvent& event,
                                            bool fresh, Pending& pending, AfterCommits& after) {
  ev1::AgentEvent agent;
  if (absl::Status parsed = Parse(event, agent); !parsed.ok()) return parsed;
  if (agent.agent_id().empty() || !agent.has_occur_time()) {
    return absl::InvalidArgumentError(absl::StrCat("AgentEvent without agent or time (ce_id ", event.id, ")"));
  }
  const TimePoint time = grpcx::FromProtoTime(agent.occur_time());
  if (!fresh) return absl::OkStatus();
  std::optional<AgentCurrent> current;
  switch (agent.change_case()) {
    case ev1::AgentEvent::kStateChanged: {
      const ev1::StateChanged& s = agent.state_changed();
      AgentStateSpan span;
      const auto duration = Millis(s.previous_state_duration().seconds() * 1000 +
                                   s.previous_state_duration().nanos() / 1'000'000);
      if (SpanOf(agent.region_id(), agent.agent_id(), static_cast<AgentState>(s.previous_state()),
                 time, duration, span)) {
        pending.spans.push_back(std::move(span));
      }
      current = AgentCurrent{agent.agent_id(), agent.region_id(), s.state(), s.pause_reason(),
                             s.call_id(), s.campaign_id(), time};
      break;
    }
    case ev1::AgentEvent::kSessionStarted:
      current = AgentCurrent{agent.agent_id(), agent.region_id(), dv1::AGENT_STATE_PAUSED, 0, "",
                             "", time};
      break;
    case ev1::AgentEvent::kSessionEnded:
      current = AgentCurrent{agent.agent_id(), agent.region_id(), dv1::AGENT_STATE_LOGGED_OUT, 0,
                             "", "", time};
      break;
    case ev1::AgentEvent::kAgentUpdated: {
      const dv1::Agent& a = agent.agent_updated().agent();
      agents_.UpsertProfile(tx, agent.agent_id(), a.display_name(),
                            a.agent_group_ids().empty() ? "" : a.agent_group_ids(0), a.revision());
      break;
    }
    default:
      break;
  }
  if (current) pending.agents.push_back(*current);
  after.push_back([this, current = std::move(current), agent = std::move(agent), time] {
    if (current) live_.ApplyAgent(*current);
    if (agent.has_agent_updated()) {
      const dv1::Agent& a = agent.agent_updated().agent();
      live_.ApplyAgentProfile(agent.agent_id(), a.display_name(),
                              a.agent_group_ids().empty() ? "" : a.agent_group_ids(0));
    }
    live_.Touch(time);
  });
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyOrder(pqxx::work& tx, const events::ConsumedEvent& event,
                                            bool fresh) {
  dv1::Order order;
  std::string region;
  if (Is<ev1::OrderCaptured>(event)) {
    ev1::OrderCaptured captured;
    if (absl::Status parsed = Parse(event, captured); !parsed.ok()) return parsed;
    order = captured.order();
    region = captured.region_id();
  } else {
    ev1::OrderStateChanged changed;
    if (absl::Status parsed = Parse(event, changed); !parsed.ok()) return parsed;
    order = changed.order();
    region = changed.region_id();
  }
  if (order.order_id().empty() || !order.has_create_time()) {
    return absl::InvalidArgumentError(absl::StrCat("order event without order id or create time (ce_id ", event.id, ")"));
  }
  OrderFact fact{order.order_id(),
                 order.campaign_id(),
                 order.variant_id(),
                 order.agent_id(),
                 order.customer_id(),
                 order.call_id(),
                 region,
                 order.state(),
                 order.total().currency_code(),
                 Decimal(order.total()),
                 grpcx::FromProtoTime(order.create_time()),
                 grpcx::FromProtoTime(order.has_update_time() ? order.update_time() : order.create_time()),
                 OrderSummary(order)};
  if (fresh) orders_.Upsert(tx, fact);
  return absl::OkStatus();
}

absl::Status ProjectionConsumer::ApplyCampaign(pqxx::work& tx, const events::ConsumedEvent& event,
                                               bool fresh, AfterCommits& after) {
  ev1::CampaignSnapshot snapshot;
  if (absl::Status parsed = Parse(event, snapshot); !parsed.ok()) return parsed;
  const std::string& campaign_id = snapshot.campaign().campaign_id();
  if (campaign_id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("CampaignSnapshot without a campaign_id (ce_id ", event.id, ")"));
  }
  HlcTimestamp hlc{snapshot.hlc().wall_time_millis(), snapshot.hlc().logical(), snapshot.hlc().node()};
  if (!fresh) return absl::OkStatus();
  campaigns_.UpsertSnapshot(tx, campaign_id, hlc, event.payload);
  after.push_back([this, campaign_id, name = snapshot.campaign().display_name()] {
    live_.ApplyCampaignName(campaign_id, name);
  });
  return absl::OkStatus();
}

}  // namespace tmk::reporting
