#include "services/dialing/api/callback_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/calendar/local_date_time.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/idempotent_mutation.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;

namespace {

constexpr size_t kMaxNote = 2000;

CallbackPlan PlanOf(const v1::Callback& c) {
  CallbackPlan plan;
  plan.kind = c.kind() == v1::CALLBACK_KIND_UNSPECIFIED ? CallbackKind::kCustomerRequested
                                                         : static_cast<CallbackKind>(c.kind());
  plan.callback_time = grpcx::FromProtoTime(c.callback_time());
  plan.ownership = c.ownership() == v1::CALLBACK_OWNERSHIP_UNSPECIFIED
                       ? (c.owner_agent_id().empty() ? CallbackOwnership::kAnyone
                                                     : CallbackOwnership::kAgentPreferred)
                       : static_cast<CallbackOwnership>(c.ownership());
  plan.owner_agent_id = c.owner_agent_id();
  return plan;
}

bool IsOpen(v1::CallbackState s) {
  return s == v1::CALLBACK_STATE_SCHEDULED || s == v1::CALLBACK_STATE_DUE ||
         s == v1::CALLBACK_STATE_IN_PROGRESS;
}

absl::Status NotOpen(const v1::Callback& c) {
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "callback ", c.callback_id(), " is ", v1::CallbackState_Name(c.state()))),
                    "CALLBACK_CLOSED");
}

}  // namespace

// Agents schedule their own customers' callbacks; supervisors and admins anyone's (R17, R19).
absl::Status CallbackApi::Authorize(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, {Role::kAgent, Role::kSupervisor, Role::kAdmin},
                         runtime_.context().region, action);
}

absl::StatusOr<v1::Callback> CallbackApi::Load(pqxx::work& tx, const std::string& callback_id,
                                               bool for_update) const {
  std::optional<v1::Callback> found = callbacks_.Find(tx, callback_id, for_update);
  if (!found) return absl::NotFoundError(absl::StrCat("callback ", callback_id, " not found"));
  return *std::move(found);
}

absl::Status CallbackApi::Mutate(const std::string& verb, const std::string& request_id,
                                 const google::protobuf::Message& request, v1::Callback& out,
                                 const CallbackChange& change) {
  IdempotentMutation<v1::Callback> m{
      verb, request_id, grpcx::RequestFingerprint(request),
      [this](pqxx::work& tx, const std::string& id) { return Load(tx, id); }, change,
      [](const v1::Callback& c) { return c.callback_id(); }};
  return MutateOnce(runtime_.pool(), requests_, m, out);
}

absl::Status CallbackApi::Schedule(pqxx::work& tx, LeadRow& lead, const CallbackPlan& plan) {
  absl::StatusOr<CampaignDialingRules> rules =
      LoadCampaignRules(tx, campaigns_, lead.facts.campaign_id);
  if (!rules.ok()) return rules.status();
  const std::map<std::string, CustomerProjection> customers =
      customers_.Find(tx, {lead.facts.customer_id});
  auto customer = customers.find(lead.facts.customer_id);
  const int kind = customer == customers.end() ? 0 : customer->second.kind;
  const std::string zone_name = customer == customers.end() ? "" : customer->second.time_zone;
  if (absl::Status inside = CheckInsideCallingWindows(
          plan.callback_time, rules->CalendarsFor(kind),
          calendar::ResolveTimeZone(zone_name, rules->windows.fallback_time_zone));
      !inside.ok()) {
    return inside;
  }
  if (lead.facts.state == LeadState::kQueued) {
    hopper_.EvictLead(tx, lead.facts.lead_id);
    lead = *leads_.Find(tx, lead.facts.lead_id, /*for_update=*/true);
  }
  absl::StatusOr<LeadFacts> waiting = AwaitCallback(lead.facts, plan);
  if (!waiting.ok()) return waiting.status();
  lead.facts = *std::move(waiting);
  lead.hold_reason = HopperBlockReason::kUnspecified;
  lead.hold_until.reset();
  ++lead.revision;
  lead.update_time = runtime_.context().clock.Now();
  leads_.Update(tx, lead);
  return absl::OkStatus();
}

absl::Status CallbackApi::CreateCallback(const auth::Principal& who,
                                         const v1::CreateCallbackRequest& request,
                                         v1::CreateCallbackResponse& response) {
  if (absl::Status allowed = Authorize(who, "schedule callbacks"); !allowed.ok()) return allowed;
  const v1::Callback& in = request.callback();
  const TimePoint now = runtime_.context().clock.Now();
  const CallbackPlan plan = PlanOf(in);
  Violations v;
  grpcx::CheckResourceId(in.lead_id(), "callback.lead_id", "lead", v);
  if (!in.has_callback_time()) v.Add("callback.callback_time", "required");
  else CheckCallbackPlan(plan, now, "callback", v);
  if (in.note().size() > kMaxNote) v.Add("callback.note", absl::StrCat("at most ", kMaxNote, " bytes"));
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid callback");

  return Mutate("CreateCallback", request.request_id(), request, *response.mutable_callback(),
                [&](pqxx::work& tx) -> absl::StatusOr<v1::Callback> {
    std::optional<LeadRow> lead = leads_.Find(tx, in.lead_id(), /*for_update=*/true);
    if (!lead) return absl::NotFoundError(absl::StrCat("lead ", in.lead_id(), " not found"));
    if (absl::Status scheduled = Schedule(tx, *lead, plan); !scheduled.ok()) return scheduled;
    v1::Callback c;
    c.set_callback_id(NewId(runtime_.context().clock));
    c.set_lead_id(lead->facts.lead_id);
    c.set_campaign_id(lead->facts.campaign_id);
    c.set_customer_id(lead->facts.customer_id);
    c.set_contact_point_id(in.contact_point_id().empty() ? lead->facts.contact_point_id
                                                         : in.contact_point_id());
    c.set_kind(static_cast<v1::CallbackKind>(plan.kind));
    *c.mutable_callback_time() = in.callback_time();
    c.set_owner_agent_id(plan.owner_agent_id);
    c.set_ownership(static_cast<v1::CallbackOwnership>(plan.ownership));
    c.set_state(v1::CALLBACK_STATE_SCHEDULED);
    c.set_note(in.note());
    c.set_source_call_id(in.source_call_id());
    c.set_creator_id(who.subject);
    *c.mutable_create_time() = grpcx::ToProtoTime(now);
    *c.mutable_update_time() = c.create_time();
    c.set_revision(1);
    if (!callbacks_.Insert(tx, c)) {
      return WithReason(absl::AlreadyExistsError(absl::StrCat(
                            "lead ", lead->facts.lead_id,
                            " already has an open callback: update or cancel it")),
                        "CALLBACK_EXISTS");
    }
    return c;
  });
}

absl::Status CallbackApi::GetCallback(const auth::Principal& who,
                                      const v1::GetCallbackRequest& request,
                                      v1::GetCallbackResponse& response) {
  if (absl::Status allowed = Authorize(who, "read callbacks"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.callback_id(), "callback_id", "callback", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<v1::Callback> c = Load(tx, request.callback_id());
    if (!c.ok()) return c.status();
    *response.mutable_callback() = *std::move(c);
    return absl::OkStatus();
  });
}

absl::Status CallbackApi::ListCallbacks(const auth::Principal& who,
                                        const v1::ListCallbacksRequest& request,
                                        v1::ListCallbacksResponse& response) {
  if (absl::Status allowed = Authorize(who, "read callbacks"); !allowed.ok()) return allowed;
  Violations v;
  if (!request.campaign_id().empty()) {
    grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  }
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::string kind = absl::StrCat("callbacks:", request.campaign_id(), ":",
                                        request.owner_agent_id());
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid callback listing");
  CallbackFilter filter{request.campaign_id(), request.owner_agent_id(),
                        {request.states().begin(), request.states().end()},
                        request.has_due_before()
                            ? std::optional<TimePoint>(grpcx::FromProtoTime(request.due_before()))
                            : std::nullopt};
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<v1::Callback> page = callbacks_.List(tx, filter, limit + 1, after.value_or(""));
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::Callback& c : page) *response.add_callbacks() = std::move(c);
    if (more) response.set_next_page_token(grpcx::NextPageToken(kind, page.back().callback_id()));
    return absl::OkStatus();
  });
}

absl::Status CallbackApi::UpdateCallback(const auth::Principal& who,
                                         const v1::UpdateCallbackRequest& request,
                                         v1::UpdateCallbackResponse& response) {
  if (absl::Status allowed = Authorize(who, "change callbacks"); !allowed.ok()) return allowed;
  const v1::Callback& in = request.callback();
  Violations v;
  grpcx::CheckResourceId(in.callback_id(), "callback.callback_id", "callback", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (request.update_mask().paths_size() == 0) v.Add("update_mask", "required");
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    const std::string& path = request.update_mask().paths(i);
    if (path != "callback_time" && path != "owner_agent_id" && path != "ownership" &&
        path != "note") {
      v.Add(absl::StrCat("update_mask.paths[", i, "]"),
            absl::StrCat("'", path,
                         "' cannot be updated: only callback_time, owner_agent_id, ownership"
                         " and note"));
    }
  }
  if (in.note().size() > kMaxNote) v.Add("callback.note", absl::StrCat("at most ", kMaxNote, " bytes"));
  if (!v.empty()) return v.ToStatus("invalid callback update");
  const TimePoint now = runtime_.context().clock.Now();

  return Mutate("UpdateCallback", request.request_id(), request, *response.mutable_callback(),
                [&](pqxx::work& tx) -> absl::StatusOr<v1::Callback> {
    absl::StatusOr<v1::Callback> c = Load(tx, in.callback_id(), /*for_update=*/true);
    if (!c.ok()) return c.status();
    if (in.revision() != 0 && in.revision() != c->revision()) {
      return grpcx::RevisionMismatch(in.revision(), c->revision(), "callback");
    }
    if (!IsOpen(c->state())) return NotOpen(*c);
    for (const std::string& path : request.update_mask().paths()) {
      if (path == "callback_time") *c->mutable_callback_time() = in.callback_time();
      if (path == "owner_agent_id") c->set_owner_agent_id(in.owner_agent_id());
      if (path == "ownership") c->set_ownership(in.ownership());
      if (path == "note") c->set_note(in.note());
    }
    const CallbackPlan plan = PlanOf(*c);
    Violations checked;
    CheckCallbackPlan(plan, now, "callback", checked);
    if (!checked.empty()) return checked.ToStatus("invalid callback update");
    std::optional<LeadRow> lead = leads_.Find(tx, c->lead_id(), /*for_update=*/true);
    if (!lead) return absl::NotFoundError(absl::StrCat("lead ", c->lead_id(), " not found"));
    if (absl::Status scheduled = Schedule(tx, *lead, plan); !scheduled.ok()) return scheduled;
    c->set_ownership(static_cast<v1::CallbackOwnership>(plan.ownership));
    *c->mutable_update_time() = grpcx::ToProtoTime(now);
    c->set_revision(c->revision() + 1);
    callbacks_.Update(tx, *c);
    return c;
  });
}

absl::Status CallbackApi::CancelCallback(const auth::Principal& who,
                                         const v1::CancelCallbackRequest& request,
                                         v1::CancelCallbackResponse& response) {
  if (absl::Status allowed = Authorize(who, "cancel callbacks"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.callback_id(), "callback_id", "callback", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (request.reason().size() > kMaxNote) v.Add("reason", absl::StrCat("at most ", kMaxNote, " bytes"));
  if (!v.empty()) return v.ToStatus();
  const TimePoint now = runtime_.context().clock.Now();
  return Mutate("CancelCallback", request.request_id(), request, *response.mutable_callback(),
                [&](pqxx::work& tx) -> absl::StatusOr<v1::Callback> {
    absl::StatusOr<v1::Callback> c = Load(tx, request.callback_id(), /*for_update=*/true);
    if (!c.ok()) return c.status();
    if (!IsOpen(c->state()) || c->state() == v1::CALLBACK_STATE_IN_PROGRESS) return NotOpen(*c);
    std::optional<LeadRow> lead = leads_.Find(tx, c->lead_id(), /*for_update=*/true);
    if (lead && lead->facts.state == LeadState::kQueued) {
      hopper_.EvictLead(tx, lead->facts.lead_id);
      lead = leads_.Find(tx, c->lead_id(), /*for_update=*/true);
    }
    if (lead) {
      lead->facts = DropCallback(lead->facts, now);
      ++lead->revision;
      lead->update_time = now;
      leads_.Update(tx, *lead);
    }
    c->set_state(v1::CALLBACK_STATE_CANCELLED);
    if (!request.reason().empty()) c->set_note(request.reason());
    *c->mutable_update_time() = grpcx::ToProtoTime(now);
    c->set_revision(c->revision() + 1);
    callbacks_.Update(tx, *c);
    return c;
  });
}

}  // namespace tmk::dialing
