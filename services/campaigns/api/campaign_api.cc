#include "services/campaigns/api/campaign_api.h"

#include <google/protobuf/util/field_mask_util.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/campaigns/api/campaign_checks.h"
#include "services/campaigns/api/campaign_rules_check.h"
#include "services/campaigns/api/revise.h"
#include "services/campaigns/domain/pilot_plan.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using auth::Role;
using google::protobuf::util::FieldMaskUtil;

namespace {

constexpr char kListKind[] = "campaigns";

// The id checks of a request naming one campaign, as a status.
absl::Status CheckCampaignId(const std::string& campaign_id, const std::string& field) {
  Violations violations;
  grpcx::CheckResourceId(campaign_id, field, "campaign", violations);
  return violations.ToStatus();
}

absl::Status NotFound(const std::string& campaign_id) {
  return absl::NotFoundError(absl::StrCat("campaign ", campaign_id, " not found"));
}

// The top-level field a mask path names: "calling_windows.fallback_time_zone" → "calling_windows".
std::string TopLevel(const std::string& path) { return path.substr(0, path.find('.')); }

}  // namespace

CampaignApi::CampaignApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots,
                         ContactLists& lists)
    : runtime_(runtime), snapshots_(snapshots), lists_(lists) {}

absl::Status CampaignApi::AuthorizeWrite(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, runtime_.context().region, action);
}

absl::Status CampaignApi::AuthorizeRead(const auth::Principal& who) const {
  return auth::Authorize(who, auth::RoleSet::All(), runtime_.context().region, "read campaigns");
}

absl::Status CampaignApi::CreateCampaign(const auth::Principal& who,
                                         const v1::CreateCampaignRequest& request,
                                         v1::CreateCampaignResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create campaigns"); !allowed.ok()) return allowed;
  {
    Violations violations;
    grpcx::CheckRequestId(request.request_id(), violations);
    if (!violations.empty()) return violations.ToStatus();
  }
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request.campaign());
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = campaigns_.FindRequest(tx, "create", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Campaign> existing = campaigns_.Find(tx, earlier->campaign_id);
        if (!existing) return NotFound(earlier->campaign_id);
        *response.mutable_campaign() = *std::move(existing);
        return absl::OkStatus();
      }
    }
    const v1::ContactPolicy policy = policies_.Get(tx, runtime_.context().region);
    // Output-only fields are ignored on input (AIP-203); the server sets them below.
    v1::Campaign campaign;
    FieldMaskUtil::MergeMessageTo(request.campaign(), EditableCampaignFields(), {}, &campaign);
    campaign.mutable_pilot()->clear_seed();
    campaign.mutable_pilot()->clear_start_time();
    campaign.mutable_pilot()->clear_end_time();
    if (campaign.calling_windows().windows().empty()) {
      *campaign.mutable_calling_windows() = WithWindowDefaults(campaign.calling_windows(), policy);
    }
    *campaign.mutable_contact_strategy() = WithStrategyDefaults(campaign.contact_strategy());
    Violations violations;
    CheckCampaignFields(campaign, policy, /*check_windows=*/true, "campaign", violations);
    if (!violations.empty()) return violations.ToStatus("invalid campaign");

    // Held until commit, so a concurrent DeleteDispositionSet cannot remove a set just taken.
    if (!campaign.disposition_set_id().empty()) {
      disposition_sets_.FindForUpdate(tx, campaign.disposition_set_id());
    }
    TimePoint now = clock.Now();
    campaign.set_campaign_id(NewId(clock));
    campaign.set_state(v1::CAMPAIGN_STATE_DRAFT);
    campaign.set_region_id(runtime_.context().region);
    campaign.set_creator_id(who.subject);
    *campaign.mutable_create_time() = grpcx::ToProtoTime(now);
    *campaign.mutable_update_time() = grpcx::ToProtoTime(now);
    *campaign.mutable_state_change_time() = grpcx::ToProtoTime(now);
    campaign.set_revision(1);
    campaigns_.Insert(tx, campaign);
    if (!request.request_id().empty()) {
      campaigns_.SaveRequest(tx, "create", request.request_id(),
                             {campaign.campaign_id(), fingerprint});
    }
    snapshots_.Publish(tx, campaign.campaign_id());
    *response.mutable_campaign() = std::move(campaign);
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::GetCampaign(const auth::Principal& who,
                                      const v1::GetCampaignRequest& request,
                                      v1::GetCampaignResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  if (absl::Status valid = CheckCampaignId(request.campaign_id(), "campaign_id"); !valid.ok()) {
    return valid;
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Campaign> found = campaigns_.Find(tx, request.campaign_id());
    if (!found) return NotFound(request.campaign_id());
    *response.mutable_campaign() = *std::move(found);
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::ListCampaigns(const auth::Principal& who,
                                        const v1::ListCampaignsRequest& request,
                                        v1::ListCampaignsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations violations;
  const int limit = grpcx::PageLimit(request.page_size(), violations);
  CampaignStore::Filter filter;
  for (int i = 0; i < request.states_size(); ++i) {
    if (request.states(i) == v1::CAMPAIGN_STATE_UNSPECIFIED) {
      violations.Add(absl::StrCat("states[", i, "]"), "unspecified state");
    }
    filter.states.push_back(request.states(i));
  }
  for (int i = 0; i < request.types_size(); ++i) {
    if (request.types(i) == 0) violations.Add(absl::StrCat("types[", i, "]"), "unspecified type");
    filter.types.push_back(request.types(i));
  }
  filter.target_list_id = request.target_list_id();
  filter.agent_group_id = request.agent_group_id();
  // The token carries the filter, so a token replayed against another filter is refused.
  v1::ListCampaignsRequest scope = request;
  scope.clear_page_size();
  scope.clear_page_token();
  const std::string kind = absl::StrCat(kListKind, ":", grpcx::RequestFingerprint(scope).substr(0, 16));
  std::optional<CampaignStore::Cursor> after;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    std::vector<std::string> parts;
    if (cursor) parts = absl::StrSplit(*cursor, '|');
    if (parts.size() != 2 || !Uuid::Parse(parts[1])) {
      violations.Add("page_token", "not a token of this listing");
    } else {
      after = CampaignStore::Cursor{parts[0], parts[1]};
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    CampaignStore::Page page = campaigns_.List(tx, filter, after, limit);
    for (v1::Campaign& campaign : page.campaigns) *response.add_campaigns() = std::move(campaign);
    if (page.next) {
      response.set_next_page_token(grpcx::EncodePageToken(
          kind, absl::StrCat(page.next->create_time, "|", page.next->campaign_id)));
    }
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::UpdateCampaign(const auth::Principal& who,
                                         const v1::UpdateCampaignRequest& request,
                                         v1::UpdateCampaignResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update campaigns"); !allowed.ok()) return allowed;
  const std::string& campaign_id = request.campaign().campaign_id();
  {
    Violations v;
    grpcx::CheckResourceId(campaign_id, "campaign.campaign_id", "campaign", v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
    for (int i = 0; i < request.update_mask().paths_size(); ++i) {
      const std::string& path = request.update_mask().paths(i);
      if (!IsEditableCampaignField(TopLevel(path))) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              absl::StrCat("'", path, "' is not an editable campaign field"));
      } else if (!FieldMaskUtil::GetFieldDescriptors(v1::Campaign::descriptor(), path, nullptr)) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"), absl::StrCat("no field '", path, "'"));
      }
    }
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = campaigns_.FindRequest(tx, "update", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Campaign> current = campaigns_.Find(tx, earlier->campaign_id);
        if (!current) return NotFound(earlier->campaign_id);
        *response.mutable_campaign() = *std::move(current);
        return absl::OkStatus();
      }
    }
    std::optional<v1::Campaign> before = campaigns_.Find(tx, campaign_id, /*for_update=*/true);
    if (!before) return NotFound(campaign_id);
    if (request.campaign().revision() != 0 && request.campaign().revision() != before->revision()) {
      return grpcx::RevisionMismatch(request.campaign().revision(), before->revision(), "campaign");
    }
    const LifecyclePosition at{static_cast<CampaignState>(before->state()),
                               static_cast<CampaignState>(before->paused_from())};
    for (const std::string& path : request.update_mask().paths()) {
      if (absl::Status editable = CheckFieldEditable(at, TopLevel(path)); !editable.ok()) {
        return editable;
      }
    }
    v1::Campaign after = *before;
    FieldMaskUtil::MergeOptions replace;
    replace.set_replace_message_fields(true);
    replace.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(request.campaign(), request.update_mask(), replace, &after);
    // The pilot's seed and times are the server's once set (the split must never change).
    after.mutable_pilot()->set_seed(before->pilot().seed());
    *after.mutable_pilot()->mutable_start_time() = before->pilot().start_time();
    *after.mutable_pilot()->mutable_end_time() = before->pilot().end_time();
    if (!before->pilot().has_start_time()) after.mutable_pilot()->clear_start_time();
    if (!before->pilot().has_end_time()) after.mutable_pilot()->clear_end_time();
    *after.mutable_contact_strategy() = WithStrategyDefaults(after.contact_strategy());
    Violations violations;
    const bool windows_change =
        std::any_of(request.update_mask().paths().begin(), request.update_mask().paths().end(),
                    [](const std::string& path) { return TopLevel(path) == "calling_windows"; });
    CheckCampaignFields(after, policies_.Get(tx, runtime_.context().region), windows_change,
                        "campaign", violations);
    if (!violations.empty()) return violations.ToStatus("invalid campaign");
    if (after.disposition_set_id() != before->disposition_set_id() &&
        !after.disposition_set_id().empty()) {
      disposition_sets_.FindForUpdate(tx, after.disposition_set_id());  // as in CreateCampaign
    }
    if (!request.request_id().empty()) {
      campaigns_.SaveRequest(tx, "update", request.request_id(), {campaign_id, fingerprint});
    }
    if (!Revise(*before, after, clock.Now())) {
      *response.mutable_campaign() = *std::move(before);
      return absl::OkStatus();
    }
    campaigns_.Update(tx, after);
    snapshots_.Publish(tx, campaign_id);
    *response.mutable_campaign() = std::move(after);
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::DeleteCampaign(const auth::Principal& who,
                                         const v1::DeleteCampaignRequest& request,
                                         v1::DeleteCampaignResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete campaigns"); !allowed.ok()) return allowed;
  if (absl::Status valid = CheckCampaignId(request.campaign_id(), "campaign_id"); !valid.ok()) {
    return valid;
  }
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = campaigns_.FindRequest(tx, "delete", request.request_id())) {
        return earlier->fingerprint == fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
      }
    }
    std::optional<v1::Campaign> found = campaigns_.Find(tx, request.campaign_id(), true);
    if (!found) return NotFound(request.campaign_id());
    if (request.revision() != 0 && request.revision() != found->revision()) {
      return grpcx::RevisionMismatch(request.revision(), found->revision(), "campaign");
    }
    const LifecyclePosition at{static_cast<CampaignState>(found->state()),
                               static_cast<CampaignState>(found->paused_from())};
    if (absl::Status deletable = CheckDeletable(at); !deletable.ok()) return deletable;
    campaigns_.Delete(tx, request.campaign_id());
    if (!request.request_id().empty()) {
      campaigns_.SaveRequest(tx, "delete", request.request_id(),
                             {request.campaign_id(), fingerprint});
    }
    snapshots_.Publish(tx, request.campaign_id());  // the tombstone
    return absl::OkStatus();
  });
}

absl::StatusOr<CampaignScriptRef> CampaignApi::ScriptFor(std::string_view campaign_id,
                                                         std::string_view customer_id) {
  const std::string id(campaign_id);
  if (absl::Status valid = CheckCampaignId(id, "campaign_id"); !valid.ok()) return valid;
  std::optional<v1::Campaign> campaign;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    campaign = campaigns_.Find(tx, id);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!campaign) return NotFound(id);
  CampaignScriptRef ref{campaign->script_id(), campaign->script_version(), "",
                        {campaign->visible_customer_fields().begin(),
                         campaign->visible_customer_fields().end()}};
  // During a pilot the variant decides (R14); after promotion leads keep their variant for
  // reporting, but the roll-out runs the promoted settings, already copied into the campaign.
  if (campaign->state() == v1::CAMPAIGN_STATE_PILOT ||
      (campaign->state() == v1::CAMPAIGN_STATE_PAUSED &&
       campaign->paused_from() == v1::CAMPAIGN_STATE_PILOT)) {
    PilotPlanSpec spec = ToPilotPlanSpec(campaign->pilot());
    PilotSplit split(campaign->pilot().seed(), spec.variants);
    if (std::optional<std::string> variant = split.VariantOf(customer_id)) {
      ref.variant_id = *variant;
      for (const v1::PilotVariant& v : campaign->pilot().variants()) {
        if (v.variant_id() == *variant && !v.script_id().empty()) {
          ref.script_id = v.script_id();
          ref.script_version = v.script_version();
        }
      }
    }
  }
  if (ref.script_id.empty()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat("campaign ", id, " has no script")),
                      "NO_SCRIPT");
  }
  return ref;
}

}  // namespace tmk::campaigns
