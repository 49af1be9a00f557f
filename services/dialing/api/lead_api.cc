#include "services/dialing/api/lead_api.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/idempotent_mutation.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/domain/customer_contact_facts.h"
#include "services/dialing/domain/lead_change.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace cv1 = telemarketing::contacts::v1;
using auth::Role;

namespace {

constexpr char kCallsTopic[] = "tm.calls.v1";
constexpr int kMembersPerPage = 1000;

template <typename Values>
std::vector<int> Numbers(const Values& values) {
  return {values.begin(), values.end()};
}

// The token names the filter, so a token of one listing is refused by another.
std::string ListKind(const v1::ListLeadsRequest& r) {
  return absl::StrCat("leads:", r.campaign_id(), ":", r.customer_id());
}

}  // namespace

LeadApi::LeadApi(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
                 const CampaignProjectionStore& campaigns, contacts_client::ContactLists& lists,
                 HopperFiller& hopper)
    : runtime_(runtime), hlc_(hlc), campaigns_(campaigns), lists_(lists),
      hopper_filler_(hopper) {}

// Lead lists and the hopper feed the floor's supervisors and the integrators' reports (R27, R29).
absl::Status LeadApi::AuthorizeRead(const auth::Principal& who) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin, Role::kIntegrator},
                         runtime_.context().region, "read leads");
}

absl::Status LeadApi::AuthorizeChange(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, runtime_.context().region,
                         action);
}

absl::Status LeadApi::GetLead(const auth::Principal& who, const v1::GetLeadRequest& request,
                              v1::GetLeadResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.lead_id(), "lead_id", "lead", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<LeadRow> row = leads_.Find(tx, request.lead_id());
    if (!row) return absl::NotFoundError(absl::StrCat("lead ", request.lead_id(), " not found"));
    *response.mutable_lead() = ToProto(*row);
    return absl::OkStatus();
  });
}

absl::Status LeadApi::ListLeads(const auth::Principal& who, const v1::ListLeadsRequest& request,
                                v1::ListLeadsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  if (request.campaign_id().empty() && request.customer_id().empty()) {
    v.Add("campaign_id", "required unless customer_id is set");
  }
  if (!request.campaign_id().empty()) {
    grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  }
  if (!request.customer_id().empty()) {
    grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  }
  const int limit = grpcx::PageLimit(request.page_size(), v);
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), ListKind(request), v);
  if (!v.empty()) return v.ToStatus("invalid lead listing");
  LeadFilter filter{request.campaign_id(),
                    request.customer_id(),
                    Numbers(request.states()),
                    Numbers(request.stages()),
                    Numbers(request.intention_classes()),
                    request.callback_owner_agent_id()};
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<LeadRow> rows = leads_.List(tx, filter, limit + 1, after.value_or(""));
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) rows.resize(limit);
    for (const LeadRow& row : rows) *response.add_leads() = ToProto(row);
    if (more) {
      response.set_next_page_token(
          grpcx::NextPageToken(ListKind(request), rows.back().facts.lead_id));
    }
    return absl::OkStatus();
  });
}

absl::Status LeadApi::UpdateLead(const auth::Principal& who, const v1::UpdateLeadRequest& request,
                                 v1::UpdateLeadResponse& response) {
  if (absl::Status allowed = AuthorizeChange(who, "change leads"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.lead().lead_id(), "lead.lead_id", "lead", v);
  grpcx::CheckRequestId(request.request_id(), v);
  const LeadChange change =
      ToLeadChange(request.lead(), request.update_mask(), request.stop(), request.reopen(), v);
  if (!v.empty()) return v.ToStatus("invalid lead update");
  auto change_lead = [&](pqxx::work& tx) -> absl::StatusOr<v1::Lead> {
    std::optional<LeadRow> row = leads_.Find(tx, request.lead().lead_id(), /*for_update=*/true);
    if (!row) {
      return absl::NotFoundError(absl::StrCat("lead ", request.lead().lead_id(), " not found"));
    }
    if (request.lead().revision() != 0 && request.lead().revision() != row->revision) {
      return grpcx::RevisionMismatch(request.lead().revision(), row->revision, "lead");
    }
    // A queued lead leaves the hopper: the change may make it uncallable, the next fill judges.
    if (row->facts.state == LeadState::kQueued) {
      hopper_.EvictLead(tx, row->facts.lead_id);
      row = leads_.Find(tx, request.lead().lead_id(), /*for_update=*/true);
    }
    const TimePoint now = runtime_.context().clock.Now();
    absl::StatusOr<LeadFacts> changed = ApplyLeadChange(row->facts, change, now);
    if (!changed.ok()) return changed.status();
    row->facts = *std::move(changed);
    row->hold_reason = HopperBlockReason::kUnspecified;
    row->hold_until.reset();
    ++row->revision;
    row->update_time = now;
    leads_.Update(tx, *row);
    return ToProto(*row);
  };
  auto load = [this](pqxx::work& tx, const std::string& id) -> absl::StatusOr<v1::Lead> {
    std::optional<LeadRow> row = leads_.Find(tx, id);
    if (!row) return absl::NotFoundError(absl::StrCat("lead ", id, " not found"));
    return ToProto(*row);
  };
  IdempotentMutation<v1::Lead> m{"UpdateLead", request.request_id(),
                                 grpcx::RequestFingerprint(request), load, change_lead,
                                 [](const v1::Lead& lead) { return lead.lead_id(); }};
  return MutateOnce(runtime_.pool(), requests_, m, *response.mutable_lead());
}

absl::Status LeadApi::LoadPage(const std::string& campaign_id, const std::string& list_id,
                               int priority, const cv1::ListContactListMembersResponse& page,
                               v1::LoadLeadsResponse& totals) {
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<std::string> customer_ids;
    for (const cv1::ContactListMember& m : page.members()) customer_ids.push_back(m.customer_id());
    const std::map<std::string, CustomerProjection> customers = customers_.Find(tx, customer_ids);
    const TimePoint now = runtime_.context().clock.Now();
    v1::LoadLeadsResponse batch;
    for (const cv1::ContactListMember& m : page.members()) {
      // Contacts lists a member with the phones callable when the list was built (R2, R6).
      if (m.contact_point_ids().empty()) {
        batch.set_excluded(batch.excluded() + 1);
        continue;
      }
      auto customer = customers.find(m.customer_id());
      LeadRow row;
      row.facts.lead_id = NewId(runtime_.context().clock);
      row.facts.campaign_id = campaign_id;
      row.facts.customer_id = m.customer_id();
      row.facts.contact_point_id = m.contact_point_ids(0);
      row.facts.state = LeadState::kNew;
      row.facts.priority = std::clamp(
          priority + (customer == customers.end() ? 0 : VipPriorityBonus(customer->second.vip_tier)),
          kMinLeadPriority, kMaxLeadPriority);
      row.list_id = list_id;
      row.revision = 1;
      row.create_time = row.update_time = now;
      if (leads_.InsertIfAbsent(tx, row)) {
        batch.set_created(batch.created() + 1);
      } else {
        batch.set_existing(batch.existing() + 1);
      }
    }
    if (batch.created() > 0 || batch.excluded() > 0) {
      telemarketing::events::v1::LeadsLoaded event;
      event.set_campaign_id(campaign_id);
      event.set_list_id(list_id);
      event.set_created(batch.created());
      event.set_excluded(batch.excluded());
      *event.mutable_occur_time() = grpcx::ToProtoTime(now);
      event.set_region_id(runtime_.context().region);
      *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
      events::AppendToOutbox(tx, events::MakeEvent(kCallsTopic, campaign_id,
                                                   "campaigns/" + campaign_id + "/leads", event,
                                                   runtime_.context().clock));
    }
    totals.set_created(totals.created() + batch.created());
    totals.set_existing(totals.existing() + batch.existing());
    totals.set_excluded(totals.excluded() + batch.excluded());
    return absl::OkStatus();
  });
}

absl::Status LeadApi::LoadLeads(const auth::Principal& who, const v1::LoadLeadsRequest& request,
                                v1::LoadLeadsResponse& response) {
  if (absl::Status allowed = AuthorizeChange(who, "load leads"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  if (!request.list_id().empty()) grpcx::CheckResourceId(request.list_id(), "list_id", "list", v);
  if (request.priority() < kMinLeadPriority || request.priority() > kMaxLeadPriority) {
    v.Add("priority",
          absl::StrCat("must be between ", kMinLeadPriority, " and ", kMaxLeadPriority));
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid lead load");

  std::string list_id = request.list_id();
  absl::Status found = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<CampaignDialingRules> rules =
        LoadCampaignRules(tx, campaigns_, request.campaign_id());
    if (!rules.ok()) return rules.status();
    if (list_id.empty()) list_id = rules->target_list_id;
    return absl::OkStatus();
  });
  if (!found.ok()) return found;
  if (list_id.empty()) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "campaign ", request.campaign_id(), " has no target list and the request names none")),
        "CAMPAIGN_WITHOUT_LIST");
  }
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<cv1::ListContactListMembersResponse> page =
        lists_.ListContactListMembers(who, list_id, kMembersPerPage, token);
    if (!page.ok()) return page.status();
    if (absl::Status loaded = LoadPage(request.campaign_id(), list_id, request.priority(), *page,
                                       response);
        !loaded.ok()) {
      return loaded;
    }
    ++pages;
    log::Info("leads loading", {{"campaign_id", request.campaign_id()}, {"list_id", list_id},
                                {"pages", pages}, {"created", response.created()},
                                {"existing", response.existing()},
                                {"excluded", response.excluded()}});
    token = page->next_page_token();
  } while (!token.empty());
  return absl::OkStatus();
}

absl::Status LeadApi::GetHopperStatus(const auth::Principal& who,
                                      const v1::GetHopperStatusRequest& request,
                                      v1::GetHopperStatusResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  if (!v.empty()) return v.ToStatus();
  absl::StatusOr<HopperFill> filled = hopper_filler_.Fill(request.campaign_id());
  if (!filled.ok()) return filled.status();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<CampaignDialingRules> rules =
        LoadCampaignRules(tx, campaigns_, request.campaign_id());
    if (!rules.ok()) return rules.status();
    const TimePoint now = runtime_.context().clock.Now();
    v1::HopperStatus& status = *response.mutable_hopper_status();
    status.set_campaign_id(request.campaign_id());
    status.set_ready_leads(hopper_.Count(tx, request.campaign_id()));
    status.set_target_size(hopper_filler_.TargetSize(request.campaign_id()));
    status.set_callbacks_due(hopper_.CountCallbacks(tx, request.campaign_id()));
    status.set_open_leads(leads_.CountOpen(tx, request.campaign_id()));
    std::optional<TimePoint> next;
    const HoldCount* most = nullptr;
    const std::vector<HoldCount> waiting = leads_.CountWaiting(tx, request.campaign_id(), now);
    for (const HoldCount& c : waiting) {
      v1::HopperBlockCount& out = *status.add_blocked();
      out.set_reason(static_cast<v1::HopperBlockReason>(c.reason));
      out.set_leads(c.leads);
      if (c.earliest) *out.mutable_earliest_callable_time() = grpcx::ToProtoTime(*c.earliest);
      if (c.earliest && (!next || *c.earliest < *next)) next = c.earliest;
      if (!most || c.leads > most->leads) most = &c;
    }
    if (status.ready_leads() == 0) {
      if (!rules->dialing()) {
        status.set_empty_reason(v1::HOPPER_BLOCK_REASON_CAMPAIGN_NOT_RUNNING);
      } else if (status.open_leads() == 0) {
        status.set_empty_reason(v1::HOPPER_BLOCK_REASON_NO_LEADS);
      } else if (most) {
        status.set_empty_reason(static_cast<v1::HopperBlockReason>(most->reason));
      }
      if (next) *status.mutable_next_callable_time() = grpcx::ToProtoTime(*next);
    }
    *status.mutable_compute_time() = grpcx::ToProtoTime(now);
    return absl::OkStatus();
  });
}

}  // namespace tmk::dialing
