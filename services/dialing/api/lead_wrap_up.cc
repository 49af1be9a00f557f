#include "services/dialing/api/lead_wrap_up.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/dialing/v1/wrap_up.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

telemarketing::events::v1::CallDispositioned DescribeWrapUp(
    const LeadWrapUpResult& result, const campaigns::Disposition& disposition) {
  namespace common = telemarketing::common::v1;
  const LeadFacts& before = result.before;
  const LeadFacts& after = result.lead.facts;
  telemarketing::events::v1::CallDispositioned d;
  d.set_disposition_code(disposition.code);
  d.set_outcome(static_cast<common::CallOutcome>(disposition.outcome));
  d.set_previous_stage(static_cast<common::SaleStage>(before.stage));
  d.set_stage(static_cast<common::SaleStage>(after.stage));
  d.set_previous_intention_class(static_cast<common::IntentionClass>(before.intention_class));
  d.set_intention_class(static_cast<common::IntentionClass>(after.intention_class));
  d.set_lead_state(static_cast<v1::LeadState>(after.state));
  d.set_lead_stop_reason(static_cast<v1::LeadStopReason>(after.stop_reason));
  d.set_lead_attempts(after.attempts);
  d.set_lead_contacts(after.contacts);
  if (after.next_attempt_time) {
    *d.mutable_next_attempt_time() = grpcx::ToProtoTime(*after.next_attempt_time);
  }
  for (const v1::Callback& c : result.callbacks) {
    if (c.kind() == v1::CALLBACK_KIND_CUSTOMER_REQUESTED) d.set_callback_id(c.callback_id());
  }
  d.set_counts_as_conversion(disposition.counts_as_conversion);
  d.set_feedback_recorded(result.forward_feedback);
  return d;
}

LeadFacts LeadWrapUp::FactsOf(pqxx::work& tx, const LeadRow& row,
                              const std::string& call_id) const {
  LeadFacts facts = row.facts;
  for (const auto& [outcome, count] : calls_.OutcomeCounts(tx, facts.lead_id, call_id)) {
    facts.attempts_by_outcome[static_cast<campaigns::CallOutcome>(outcome)] = count;
  }
  const auto customers = customers_.Find(tx, {facts.customer_id});
  if (auto it = customers.find(facts.customer_id); it != customers.end()) {
    for (const ProjectedPhone& phone : it->second.facts.phones) {
      facts.contact_points.push_back({phone.contact_point_id, phone.status});
    }
  }
  // The number just dialed is the customer's as far as this call knows, even before the
  // projection has it (R2 screening must still mark it).
  if (!facts.contact_point_id.empty() &&
      std::none_of(facts.contact_points.begin(), facts.contact_points.end(),
                   [&](const LeadContactPoint& p) {
                     return p.contact_point_id == facts.contact_point_id;
                   })) {
    facts.contact_points.insert(facts.contact_points.begin(),
                                {facts.contact_point_id, ContactPointStatus::kUnverified});
  }
  return facts;
}

void LeadWrapUp::CloseServedCallback(pqxx::work& tx, const std::string& lead_id,
                                     const std::string& call_id) const {
  std::optional<v1::Callback> open = callbacks_.FindOpenForLead(tx, lead_id);
  if (!open) return;
  open->set_state(v1::CALLBACK_STATE_COMPLETED);
  open->set_completed_call_id(call_id);
  *open->mutable_update_time() = grpcx::ToProtoTime(clock_.Now());
  open->set_revision(open->revision() + 1);
  callbacks_.Update(tx, *open);
}

absl::StatusOr<LeadWrapUpResult> LeadWrapUp::Apply(pqxx::work& tx, const v1::Call& call,
                                                   const CampaignWrapUpRules& rules,
                                                   const campaigns::Disposition& disposition,
                                                   const WrapUp& wrap_up,
                                                   const std::string& creator_id) const {
  std::optional<LeadRow> row = leads_.Find(tx, call.lead_id(), /*for_update=*/true);
  if (!row) return absl::NotFoundError(absl::StrCat("lead ", call.lead_id(), " not found"));
  const TimePoint now = clock_.Now();
  LeadWrapUpResult result;
  result.before = FactsOf(tx, *row, call.call_id());
  absl::StatusOr<LeadDecision> decision = LeadScheduler(rules.strategy).ApplyDisposition(
      result.before, disposition, wrap_up, now);
  if (!decision.ok()) return decision.status();

  CloseServedCallback(tx, row->facts.lead_id, call.call_id());
  row->facts = decision->lead;
  row->facts.contact_points.clear();
  row->facts.attempts_by_outcome.clear();
  ++row->revision;
  row->update_time = now;
  leads_.Update(tx, *row);
  result.lead = *row;

  for (const LeadAction& action : decision->actions) {
    std::visit(
        [&](const auto& a) {
          using A = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<A, ScheduleCallback>) {
            v1::Callback c;
            c.set_callback_id(NewId(clock_));
            c.set_lead_id(row->facts.lead_id);
            c.set_campaign_id(row->facts.campaign_id);
            c.set_customer_id(row->facts.customer_id);
            c.set_contact_point_id(a.contact_point_id);
            c.set_kind(static_cast<v1::CallbackKind>(a.kind));
            *c.mutable_callback_time() = grpcx::ToProtoTime(a.callback_time);
            c.set_owner_agent_id(a.owner_agent_id);
            c.set_ownership(static_cast<v1::CallbackOwnership>(a.ownership));
            c.set_state(v1::CALLBACK_STATE_SCHEDULED);
            c.set_source_call_id(call.call_id());
            c.set_creator_id(creator_id);
            *c.mutable_create_time() = grpcx::ToProtoTime(now);
            *c.mutable_update_time() = c.create_time();
            c.set_revision(1);
            callbacks_.Insert(tx, c);
            result.callbacks.push_back(std::move(c));
          } else if constexpr (std::is_same_v<A, MarkContactPoint>) {
            v1::ContactPointChange change;
            change.set_action(a.status == ContactPointStatus::kWrongParty
                                  ? v1::CONTACT_POINT_ACTION_MARK_WRONG_PARTY
                                  : v1::CONTACT_POINT_ACTION_MARK_INVALID);
            change.set_contact_point_id(a.contact_point_id);
            forwarding_.Insert(tx,
                               {NewId(clock_), call.customer_id(), call.call_id(),
                                call.agent_id(), ForwardKind::kContactPoint,
                                change.SerializeAsString()},
                               now);
          } else if constexpr (std::is_same_v<A, RequestDoNotCall>) {
            forwarding_.Insert(tx,
                               {NewId(clock_), call.customer_id(), call.call_id(),
                                call.agent_id(), ForwardKind::kDoNotCall, ""},
                               now);
          } else {
            result.forward_feedback = true;
          }
        },
        action);
  }
  return result;
}

}  // namespace tmk::dialing
