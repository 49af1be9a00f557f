#include "services/dialing/api/manual_dials.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/domain/lead_scheduler.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
namespace common = telemarketing::common::v1;

absl::Status ManualDials::CheckCampaign(pqxx::work& tx, const SessionRow& session,
                                        const std::string& campaign_id) const {
  // R19: an agent dials for the campaigns their session works, as the dialer offers them.
  const auto& mine = session.session.campaign_ids();
  if (std::find(mine.begin(), mine.end(), campaign_id) == mine.end()) {
    return WithReason(absl::PermissionDeniedError(absl::StrCat(
                          "session ", session.session.session_id(),
                          " does not work campaign ", campaign_id)),
                      "CAMPAIGN_NOT_ASSIGNED");
  }
  absl::StatusOr<CampaignDialingRules> campaign = LoadCampaignRules(tx, campaigns_, campaign_id);
  if (!campaign.ok()) return campaign.status();
  if (!campaign->dialing()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "campaign ", campaign_id, " is not in pilot or active")),
                      "CAMPAIGN_NOT_DIALING");
  }
  return absl::OkStatus();
}

absl::StatusOr<CallRow> ManualDials::Place(pqxx::work& tx, const SessionRow& session,
                                           const ManualDialOrder& order) const {
  const v1::AgentSession& s = session.session;
  if (absl::Status allowed = CheckCampaign(tx, session, order.campaign_id); !allowed.ok()) {
    return allowed;
  }
  if (s.state() != v1::AGENT_STATE_READY) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "the agent is ", v1::AgentState_Name(s.state()),
                          "; only a READY agent dials")),
                      "AGENT_NOT_READY");
  }
  const auto customers = customers_.Find(tx, {order.customer_id});
  const auto customer = customers.find(order.customer_id);
  if (customer == customers.end()) {
    return WithReason(absl::NotFoundError(absl::StrCat("customer ", order.customer_id,
                                                       " is not known to dialing")),
                      "CUSTOMER_NOT_FOUND");
  }
  const auto& phones = customer->second.facts.phones;
  if (std::none_of(phones.begin(), phones.end(), [&](const ProjectedPhone& p) {
        return p.contact_point_id == order.contact_point_id;
      })) {
    return InvalidField("contact_point_id", "not a phone of the customer");
  }

  // R10, R20: the same gate as every automatic dial, the agent already reserved.
  const TimePoint now = clock_.Now();
  absl::StatusOr<DialVerdict> verdict =
      gate_.Check(tx, {order.campaign_id, order.customer_id, "", now, /*agent_reserved=*/true,
                       order.contact_point_id},
                  gate_.Rules(tx));
  if (!verdict.ok()) return verdict.status();
  if (!verdict->allowed()) return DialGate::Refusal(verdict->blocked.front());

  // R11, R17: the customer's lead in the campaign carries the attempt, as a paced call's would.
  CustomerLeads::Found lead = leads_.Find(
      tx, order.campaign_id, order.customer_id,
      {NewId(clock_), order.contact_point_id, customer->second.vip_tier}, now);
  // BeginAttempt reads no part of the strategy: the defaults do.
  absl::StatusOr<LeadFacts> begun = LeadScheduler({}).BeginAttempt(lead.row.facts, now);
  if (!begun.ok()) return begun.status();
  lead.row.facts = *std::move(begun);
  lead.row.facts.contact_point_id = order.contact_point_id;
  if (absl::Status kept = leads_.Keep(tx, lead, now); !kept.ok()) return kept;
  customer_calls_.Record(tx, order.customer_id, lead.row.facts.lead_id, now);

  CallRow row;
  v1::Call& c = row.call;
  c.set_call_id(NewId(clock_));
  absl::StatusOr<v1::AgentSession> reserved =
      sessions_.Reserve(tx, s.session_id(), c.call_id(), order.campaign_id);
  if (!reserved.ok()) return reserved.status();
  c.set_direction(common::CALL_DIRECTION_OUTBOUND);
  c.set_dial_mode(common::DIAL_MODE_MANUAL);
  c.set_campaign_id(order.campaign_id);
  c.set_lead_id(lead.row.facts.lead_id);
  c.set_customer_id(order.customer_id);
  c.set_contact_point_id(order.contact_point_id);
  c.set_session_id(s.session_id());
  c.set_agent_id(s.agent_id());
  c.set_state(v1::CALL_STATE_DIALING);
  *c.mutable_create_time() = grpcx::ToProtoTime(now);
  ev::CallCreated created;
  created.set_origin(ev::CALL_ORIGIN_MANUAL);
  created.set_attempt_number(lead.row.facts.attempts);
  if (std::optional<v1::CampaignRuntime> r = runtimes_.Find(tx, order.campaign_id)) {
    created.set_presented_number(r->caller_id_number());
  }
  created.set_agent_reserved(true);
  ledger_.Create(tx, row, created);
  return row;
}

}  // namespace tmk::dialing
