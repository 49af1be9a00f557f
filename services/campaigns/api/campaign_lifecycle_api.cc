// The campaign lifecycle verbs (R7, R14) and their readiness checks: each verb is one
// transaction that re-reads the campaign under lock, checks revision and readiness, applies the
// domain transition and publishes the new snapshot.
#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "services/campaigns/api/campaign_api.h"
#include "services/campaigns/api/campaign_rules_check.h"
#include "services/campaigns/domain/pilot_plan.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

ScriptVersionStatus StatusOf(const absl::StatusOr<v1::ScriptVersion>& version) {
  if (!version.ok()) return ScriptVersionStatus::kMissing;
  return version->state() == v1::SCRIPT_VERSION_STATE_APPROVED ? ScriptVersionStatus::kApproved
                                                               : ScriptVersionStatus::kNotApproved;
}

absl::Status NotReady(CampaignVerb verb, const std::vector<ReadinessProblem>& problems) {
  std::string message =
      absl::StrCat("the campaign is not ready to ", std::string(VerbName(verb)), ": ",
                   problems.size(), " problem(s); see CheckCampaignReadiness: ");
  for (size_t i = 0; i < problems.size(); ++i) {
    absl::StrAppend(&message, i > 0 ? "; " : "", "campaign.", problems[i].field, ": ",
                    problems[i].reason, ": ", problems[i].description);
  }
  // FAILED_PRECONDITION: the request is fine, the campaign is not (AIP-193).
  return WithReason(absl::FailedPreconditionError(message), "CAMPAIGN_NOT_READY");
}

}  // namespace

ReadinessFacts CampaignApi::GatherFacts(pqxx::work& tx, const v1::Campaign& campaign,
                                        bool target_list_exists) const {
  ReadinessFacts facts;
  facts.has_target_list = !campaign.target_list_id().empty();
  facts.target_list_exists = target_list_exists;
  std::vector<v1::ScriptVersion> scripts;
  auto check_script = [&](const std::string& script_id, int32_t version) {
    absl::StatusOr<v1::ScriptVersion> found = scripts_.GetVersion(tx, script_id, version);
    if (found.ok()) scripts.push_back(*found);
    return StatusOf(found);
  };
  if (!campaign.script_id().empty()) {
    facts.script = check_script(campaign.script_id(), campaign.script_version());
  }
  facts.has_disposition_set = !campaign.disposition_set_id().empty();
  std::set<std::string> offered;
  if (facts.has_disposition_set) {
    if (auto set = disposition_sets_.Find(tx, campaign.disposition_set_id())) {
      facts.disposition_set_exists = true;
      for (const v1::Disposition& disposition : set->dispositions()) {
        if (disposition.retired()) continue;
        facts.disposition_set_has_active_codes = true;
        offered.insert(disposition.code());
      }
    }
  }
  facts.has_calling_windows = !campaign.calling_windows().windows().empty();
  facts.has_fallback_time_zone = !campaign.calling_windows().fallback_time_zone().empty();
  Violations windows;
  CheckCallingWindows(campaign.calling_windows(), policies_.Get(tx, runtime_.context().region),
                      "calling_windows", windows);
  if (!windows.empty()) {
    facts.calling_windows_problem =
        windows.list().front().field + ": " + windows.list().front().description;
  }
  facts.has_pilot_sample = campaign.pilot().sample_fraction() > 0 || campaign.pilot().sample_size() > 0;
  for (const v1::PilotVariant& variant : campaign.pilot().variants()) {
    VariantFacts v{variant.variant_id(), ScriptVersionStatus::kNotSet};
    if (!variant.script_id().empty()) {
      v.script = check_script(variant.script_id(), variant.script_version());
    }
    facts.variants.push_back(std::move(v));
  }
  // A close node pre-selects a wrap-up code: it must be one the agent can actually choose.
  if (facts.disposition_set_exists) {
    std::set<std::string> unknown;
    for (const v1::ScriptVersion& script : scripts) {
      for (const v1::ScriptNode& node : script.nodes()) {
        const std::string& code = node.close().suggested_disposition_code();
        if (node.has_close() && !code.empty() && offered.count(code) == 0) unknown.insert(code);
      }
    }
    facts.unknown_disposition_codes.assign(unknown.begin(), unknown.end());
  }
  facts.ended = campaign.has_end_time() &&
                grpcx::FromProtoTime(campaign.end_time()) <= runtime_.context().clock.Now();
  return facts;
}

absl::StatusOr<bool> CampaignApi::TargetListExists(const auth::Principal& who,
                                                   const std::string& target_list_id) {
  if (target_list_id.empty()) return false;
  absl::StatusOr<telemarketing::contacts::v1::ContactList> list =
      lists_.GetContactList(who, target_list_id);
  if (list.ok()) return true;
  if (absl::IsNotFound(list.status()) || absl::IsInvalidArgument(list.status())) return false;
  return list.status();
}

absl::Status CampaignApi::CheckCampaignReadiness(const auth::Principal& who,
                                                 const v1::CheckCampaignReadinessRequest& request,
                                                 v1::CheckCampaignReadinessResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  if (request.target_state() != v1::CAMPAIGN_STATE_PILOT &&
      request.target_state() != v1::CAMPAIGN_STATE_ACTIVE) {
    v.Add("target_state", "PILOT or ACTIVE");
  }
  if (!v.empty()) return v.ToStatus("invalid readiness check");
  const CampaignVerb verb = request.target_state() == v1::CAMPAIGN_STATE_PILOT
                                ? CampaignVerb::kStartPilot
                                : CampaignVerb::kActivate;
  std::optional<v1::Campaign> campaign;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    campaign = campaigns_.Find(tx, request.campaign_id());
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!campaign) return absl::NotFoundError(absl::StrCat("campaign ", request.campaign_id(), " not found"));
  absl::StatusOr<bool> list_exists = TargetListExists(who, campaign->target_list_id());
  if (!list_exists.ok()) return list_exists.status();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    for (const ReadinessProblem& problem :
         ReadinessProblems(GatherFacts(tx, *campaign, *list_exists), verb)) {
      v1::ReadinessProblem* out = response.add_problems();
      out->set_field(problem.field);
      out->set_reason(problem.reason);
      out->set_description(problem.description);
    }
    response.set_ready(response.problems().empty());
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::ChangeState(const auth::Principal& who, const VerbCall& call,
                                      v1::Campaign& out) {
  if (absl::Status allowed = AuthorizeWrite(who, absl::StrCat(std::string(VerbName(call.verb)),
                                                              " campaigns"));
      !allowed.ok()) {
    return allowed;
  }
  {
    Violations v;
    grpcx::CheckResourceId(call.campaign_id, "campaign_id", "campaign", v);
    grpcx::CheckRequestId(call.request_id, v);
    if (!v.empty()) return v.ToStatus("invalid request");
  }
  const bool needs_readiness =
      call.verb == CampaignVerb::kStartPilot || call.verb == CampaignVerb::kActivate;
  bool list_exists = false;
  if (needs_readiness) {
    std::optional<v1::Campaign> current;
    absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
      current = campaigns_.Find(tx, call.campaign_id);
      return absl::OkStatus();
    });
    if (!read.ok()) return read;
    if (current) {
      absl::StatusOr<bool> exists = TargetListExists(who, current->target_list_id());
      if (!exists.ok()) return exists.status();
      list_exists = *exists;
    }
  }
  const std::string verb_key(VerbName(call.verb));
  const Clock& clock = runtime_.context().clock;
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!call.request_id.empty()) {
      if (auto earlier = campaigns_.FindRequest(tx, verb_key, call.request_id)) {
        if (earlier->fingerprint != call.fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Campaign> current = campaigns_.Find(tx, earlier->campaign_id);
        if (!current) return absl::NotFoundError("the campaign no longer exists");
        out = *std::move(current);
        return absl::OkStatus();
      }
    }
    std::optional<v1::Campaign> campaign = campaigns_.Find(tx, call.campaign_id, /*for_update=*/true);
    if (!campaign) return absl::NotFoundError(absl::StrCat("campaign ", call.campaign_id, " not found"));
    if (call.revision != 0 && call.revision != campaign->revision()) {
      return grpcx::RevisionMismatch(call.revision, campaign->revision(), "campaign");
    }
    const LifecyclePosition from{static_cast<CampaignState>(campaign->state()),
                                 static_cast<CampaignState>(campaign->paused_from())};
    absl::StatusOr<LifecyclePosition> to = ApplyVerb(from, call.verb);
    if (!to.ok()) return to.status();
    if (needs_readiness) {
      ReadinessFacts facts = GatherFacts(tx, *campaign, list_exists);
      // Activating a piloted campaign rolls out the settings already piloted: the sample is no
      // longer required, the variants' scripts were checked when the pilot started.
      if (call.verb == CampaignVerb::kActivate) facts.variants.clear();
      std::vector<ReadinessProblem> problems = ReadinessProblems(facts, call.verb);
      if (!problems.empty()) return NotReady(call.verb, problems);
    }
    TimePoint now = clock.Now();
    campaign->set_state(static_cast<v1::CampaignState>(to->state));
    campaign->set_paused_from(static_cast<v1::CampaignState>(to->paused_from));
    campaign->set_state_reason(call.reason);
    if (call.adjust) {
      if (absl::Status adjusted = call.adjust(*campaign); !adjusted.ok()) return adjusted;
    }
    campaign->set_revision(campaign->revision() + 1);
    *campaign->mutable_update_time() = grpcx::ToProtoTime(now);
    *campaign->mutable_state_change_time() = grpcx::ToProtoTime(now);
    campaigns_.Update(tx, *campaign);
    if (!call.request_id.empty()) {
      campaigns_.SaveRequest(tx, verb_key, call.request_id, {call.campaign_id, call.fingerprint});
    }
    snapshots_.Publish(tx, call.campaign_id);
    out = *std::move(campaign);
    return absl::OkStatus();
  });
}

absl::Status CampaignApi::StartPilot(const auth::Principal& who,
                                     const v1::StartPilotRequest& request,
                                     v1::StartPilotResponse& response) {
  const Clock& clock = runtime_.context().clock;
  return ChangeState(
      who,
      {CampaignVerb::kStartPilot, request.campaign_id(), request.revision(), request.request_id(),
       grpcx::RequestFingerprint(request),
       [&clock](v1::Campaign& campaign) {
         // The seed fixes the split for every service from now on (R14); a random one per pilot
         // keeps pilots of different campaigns independent.
         if (campaign.pilot().seed().empty()) campaign.mutable_pilot()->set_seed(NewId(clock));
         *campaign.mutable_pilot()->mutable_start_time() = grpcx::ToProtoTime(clock.Now());
         return absl::OkStatus();
       }},
      *response.mutable_campaign());
}

absl::Status CampaignApi::ActivateCampaign(const auth::Principal& who,
                                           const v1::ActivateCampaignRequest& request,
                                           v1::ActivateCampaignResponse& response) {
  const Clock& clock = runtime_.context().clock;
  const std::string& promoted = request.promoted_variant_id();
  return ChangeState(
      who,
      {CampaignVerb::kActivate, request.campaign_id(), request.revision(), request.request_id(),
       grpcx::RequestFingerprint(request),
       [&clock, &promoted](v1::Campaign& campaign) -> absl::Status {
         const bool piloted = campaign.pilot().has_start_time();
         if (!promoted.empty()) {
           if (!piloted) {
             return InvalidField("promoted_variant_id", "only a piloted campaign promotes a variant");
           }
           const v1::PilotVariant* chosen = nullptr;
           for (const v1::PilotVariant& variant : campaign.pilot().variants()) {
             if (variant.variant_id() == promoted) chosen = &variant;
           }
           if (chosen == nullptr) {
             return InvalidField("promoted_variant_id",
                                 absl::StrCat("the pilot has no variant '", promoted, "'"));
           }
           // The roll-out runs the winning variant's settings (R14); the plan stays as history.
           if (!chosen->script_id().empty()) {
             campaign.set_script_id(chosen->script_id());
             campaign.set_script_version(chosen->script_version());
           }
           if (chosen->dial_mode() != telemarketing::common::v1::DIAL_MODE_UNSPECIFIED) {
             campaign.set_default_dial_mode(chosen->dial_mode());
           }
           campaign.set_promoted_variant_id(promoted);
         }
         if (piloted && !campaign.pilot().has_end_time()) {
           *campaign.mutable_pilot()->mutable_end_time() = grpcx::ToProtoTime(clock.Now());
         }
         return absl::OkStatus();
       }},
      *response.mutable_campaign());
}

absl::Status CampaignApi::PauseCampaign(const auth::Principal& who,
                                        const v1::PauseCampaignRequest& request,
                                        v1::PauseCampaignResponse& response) {
  if (request.reason().size() > 500) return InvalidField("reason", "at most 500 characters");
  return ChangeState(who,
                     {CampaignVerb::kPause, request.campaign_id(), request.revision(),
                      request.request_id(), grpcx::RequestFingerprint(request), nullptr,
                      request.reason()},
                     *response.mutable_campaign());
}

absl::Status CampaignApi::ResumeCampaign(const auth::Principal& who,
                                         const v1::ResumeCampaignRequest& request,
                                         v1::ResumeCampaignResponse& response) {
  return ChangeState(who,
                     {CampaignVerb::kResume, request.campaign_id(), request.revision(),
                      request.request_id(), grpcx::RequestFingerprint(request), nullptr},
                     *response.mutable_campaign());
}

absl::Status CampaignApi::CompleteCampaign(const auth::Principal& who,
                                           const v1::CompleteCampaignRequest& request,
                                           v1::CompleteCampaignResponse& response) {
  if (request.reason().size() > 500) return InvalidField("reason", "at most 500 characters");
  const Clock& clock = runtime_.context().clock;
  return ChangeState(
      who,
      {CampaignVerb::kComplete, request.campaign_id(), request.revision(), request.request_id(),
       grpcx::RequestFingerprint(request),
       [&clock](v1::Campaign& campaign) {
         if (campaign.pilot().has_start_time() && !campaign.pilot().has_end_time()) {
           *campaign.mutable_pilot()->mutable_end_time() = grpcx::ToProtoTime(clock.Now());
         }
         return absl::OkStatus();
       },
       request.reason()},
      *response.mutable_campaign());
}

absl::Status CampaignApi::ArchiveCampaign(const auth::Principal& who,
                                          const v1::ArchiveCampaignRequest& request,
                                          v1::ArchiveCampaignResponse& response) {
  return ChangeState(who,
                     {CampaignVerb::kArchive, request.campaign_id(), request.revision(),
                      request.request_id(), grpcx::RequestFingerprint(request), nullptr},
                     *response.mutable_campaign());
}

}  // namespace tmk::campaigns
