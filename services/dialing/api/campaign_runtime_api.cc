#include "services/dialing/api/campaign_runtime_api.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/api/idempotent_mutation.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using auth::Role;

namespace {


bool KnownMode(common::DialMode mode) {
  return mode >= common::DIAL_MODE_PREVIEW && mode <= common::DIAL_MODE_MANUAL;
}

// The runtime a campaign starts with: STOPPED in its default mode, predictive when it names none,
// at the region's default abandon target (R20).
v1::CampaignRuntime DefaultRuntime(const std::string& campaign_id, common::DialMode mode,
                                   const ComplianceRules& rules) {
  v1::CampaignRuntime r;
  r.set_campaign_id(campaign_id);
  r.set_dialing_state(v1::DIALING_STATE_STOPPED);
  r.set_dial_mode(KnownMode(mode) ? mode : common::DIAL_MODE_PREDICTIVE);
  r.set_max_dial_level(std::min(3.0, rules.max_dial_level));
  r.set_power_ratio(1.0);
  r.set_abandon_target(rules.default_abandon_target);
  r.set_answering_machine_detection(true);
  return r;
}

// Bounded by the region's ComplianceSettings (R20): its abandon ceiling and highest dial level.
void CheckSettings(const v1::CampaignRuntime& r, const ComplianceRules& rules, Violations& v) {
  if (!KnownMode(r.dial_mode())) v.Add("campaign_runtime.dial_mode", "unknown dial mode");
  if (!(r.abandon_target() > 0 && r.abandon_target() <= rules.max_abandon_target)) {
    v.Add("campaign_runtime.abandon_target",
          absl::StrCat("must be in (0, ", rules.max_abandon_target,
                       "]: the region's compliance ceiling (R20)"));
  }
  if (!(r.power_ratio() >= 1 && r.power_ratio() <= rules.max_dial_level)) {
    v.Add("campaign_runtime.power_ratio",
          absl::StrCat("must be in [1, ", rules.max_dial_level, "]: the region's highest dial level"));
  }
  if (!(r.max_dial_level() >= 1 && r.max_dial_level() <= rules.max_dial_level)) {
    v.Add("campaign_runtime.max_dial_level",
          absl::StrCat("must be in [1, ", rules.max_dial_level, "]: the region's highest dial level"));
  }
  if (r.hopper_target_size() < 0) v.Add("campaign_runtime.hopper_target_size", "must be >= 0");
  if (r.preview_timeout().seconds() < 0) {
    v.Add("campaign_runtime.preview_timeout", "must not be negative");
  }
}

}  // namespace

absl::StatusOr<v1::CampaignRuntime> CampaignRuntimeApi::Load(pqxx::work& tx,
                                                             const std::string& campaign_id,
                                                             bool for_update) const {
  if (std::optional<v1::CampaignRuntime> stored = runtimes_.Find(tx, campaign_id, for_update)) {
    return *std::move(stored);
  }
  std::optional<CampaignProjectionRow> row = campaigns_.Find(tx, campaign_id);
  telemarketing::events::v1::CampaignSnapshot snapshot;
  if (!row || !snapshot.ParseFromString(row->snapshot)) {
    return WithReason(absl::NotFoundError(absl::StrCat("campaign ", campaign_id, " not found")),
                      "CAMPAIGN_NOT_FOUND");
  }
  return DefaultRuntime(campaign_id, snapshot.campaign().default_dial_mode(),
                        RegionRules(tx, settings_, runtime_.context().region));
}

void CampaignRuntimeApi::Measure(pqxx::work& tx, v1::CampaignRuntime& r) const {
  absl::StatusOr<AbandonLedger> ledger = abandon_minutes_.Ledger(
      tx, r.campaign_id(), runtime_.context().clock.Now(), r.abandon_target());
  if (!ledger.ok()) return;
  r.set_abandon_rate_24h(ledger->Last24Hours().Rate());
  r.set_abandon_rate_30d(ledger->Last30Days().Rate());
  r.set_abandon_budget_remaining(ledger->AffordableAbandons());
}

absl::Status CampaignRuntimeApi::Mutate(const std::string& verb, const std::string& campaign_id,
                                        const std::string& request_id,
                                        const google::protobuf::Message& request,
                                        v1::CampaignRuntime& out, const Change& change) {
  IdempotentMutation<v1::CampaignRuntime> m{
      verb, request_id, grpcx::RequestFingerprint(request),
      [this](pqxx::work& tx, const std::string& id) { return Load(tx, id, false); },
      [&](pqxx::work& tx) -> absl::StatusOr<v1::CampaignRuntime> {
        absl::StatusOr<v1::CampaignRuntime> current = Load(tx, campaign_id, true);
        if (!current.ok()) return current;
        absl::StatusOr<v1::CampaignRuntime> next = change(tx, *current);
        if (!next.ok()) return next;
        next->set_revision(current->revision() + 1);
        *next->mutable_update_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
        runtimes_.Put(tx, *next);
        events_.Changed(tx, *next);
        return next;
      },
      [](const v1::CampaignRuntime& r) { return r.campaign_id(); }};
  if (absl::Status done = MutateOnce(runtime_.pool(), requests_, m, out); !done.ok()) return done;
  if (apply_) apply_(out);
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    Measure(tx, out);
    return absl::OkStatus();
  });
}

absl::Status CampaignRuntimeApi::GetCampaignRuntime(const auth::Principal& who,
                                                    const v1::GetCampaignRuntimeRequest& request,
                                                    v1::GetCampaignRuntimeResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kSupervisor, Role::kAdmin, Role::kIntegrator},
                          runtime_.context().region, "read campaign runtimes");
      !allowed.ok()) {
    return allowed;
  }
  if (request.campaign_id().empty()) {
    Violations v;
    v.Add("campaign_id", "required");
    return v.ToStatus("invalid request");
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<v1::CampaignRuntime> r = Load(tx, request.campaign_id(), false);
    if (!r.ok()) return r.status();
    Measure(tx, *r);
    *response.mutable_campaign_runtime() = *std::move(r);
    return absl::OkStatus();
  });
}

absl::Status CampaignRuntimeApi::ListCampaignRuntimes(
    const auth::Principal& who, const v1::ListCampaignRuntimesRequest& request,
    v1::ListCampaignRuntimesResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kSupervisor, Role::kAdmin, Role::kIntegrator},
                          runtime_.context().region, "read campaign runtimes");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  std::vector<int> states;
  for (int s : request.dialing_states()) states.push_back(s);
  const std::string kind = absl::StrCat("campaign-runtimes:", absl::StrJoin(states, ","));
  std::optional<std::string> after =
      grpcx::PageCursor(request.page_token(), kind, v, [](const std::string&) { return true; });
  if (!v.empty()) return v.ToStatus("invalid request");
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    std::vector<v1::CampaignRuntime> page = runtimes_.List(tx, states, limit + 1, *after);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::CampaignRuntime& r : page) {
      Measure(tx, r);
      *response.add_campaign_runtimes() = std::move(r);
    }
    if (more) response.set_next_page_token(grpcx::NextPageToken(kind, page.back().campaign_id()));
    return absl::OkStatus();
  });
}

absl::Status CampaignRuntimeApi::UpdateCampaignRuntime(
    const auth::Principal& who, const v1::UpdateCampaignRuntimeRequest& request,
    v1::UpdateCampaignRuntimeResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {Role::kSupervisor, Role::kAdmin},
                                             runtime_.context().region, "tune dialing");
      !allowed.ok()) {
    return allowed;
  }
  const v1::CampaignRuntime& in = request.campaign_runtime();
  Violations v;
  if (in.campaign_id().empty()) v.Add("campaign_runtime.campaign_id", "required");
  if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid update");
  return Mutate(
      "UpdateCampaignRuntime", in.campaign_id(), request.request_id(), request,
      *response.mutable_campaign_runtime(),
      [&](pqxx::work& tx, v1::CampaignRuntime r) -> absl::StatusOr<v1::CampaignRuntime> {
        if (in.revision() != 0 && in.revision() != r.revision()) {
          return grpcx::RevisionMismatch(in.revision(), r.revision(), "campaign runtime");
        }
        Violations bad;
        for (const std::string& path : request.update_mask().paths()) {
          if (path == "dial_mode") r.set_dial_mode(in.dial_mode());
          else if (path == "max_dial_level") r.set_max_dial_level(in.max_dial_level());
          else if (path == "power_ratio") r.set_power_ratio(in.power_ratio());
          else if (path == "abandon_target") r.set_abandon_target(in.abandon_target());
          else if (path == "preview_timeout") *r.mutable_preview_timeout() = in.preview_timeout();
          else if (path == "answering_machine_detection") {
            r.set_answering_machine_detection(in.answering_machine_detection());
          } else if (path == "caller_id_number") r.set_caller_id_number(in.caller_id_number());
          else if (path == "hopper_target_size") {
            r.set_hopper_target_size(in.hopper_target_size());
          } else {
            bad.Add("update_mask", absl::StrCat("'", path, "' is not a settable field"));
          }
        }
        CheckSettings(r, RegionRules(tx, settings_, runtime_.context().region), bad);
        if (!bad.empty()) return bad.ToStatus("invalid update");
        return r;
      });
}

absl::Status CampaignRuntimeApi::StartDialing(const auth::Principal& who,
                                              const v1::StartDialingRequest& request,
                                              v1::StartDialingResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {Role::kSupervisor, Role::kAdmin},
                                             runtime_.context().region, "start dialing");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.campaign_id().empty()) v.Add("campaign_id", "required");
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return Mutate("StartDialing", request.campaign_id(), request.request_id(), request,
                *response.mutable_campaign_runtime(),
                [&](pqxx::work& tx, v1::CampaignRuntime r) -> absl::StatusOr<v1::CampaignRuntime> {
                  absl::StatusOr<CampaignDialingRules> rules =
                      LoadCampaignRules(tx, campaigns_, request.campaign_id());
                  if (!rules.ok()) return rules.status();
                  if (!rules->dialing()) {
                    return WithReason(
                        absl::FailedPreconditionError(absl::StrCat(
                            "campaign ", request.campaign_id(),
                            " is not PILOT or ACTIVE in campaigns: nothing may be dialed")),
                        "CAMPAIGN_INACTIVE");
                  }
                  r.set_dialing_state(v1::DIALING_STATE_RUNNING);
                  return r;
                });
}

absl::Status CampaignRuntimeApi::StopDialing(const auth::Principal& who,
                                             const v1::StopDialingRequest& request,
                                             v1::StopDialingResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {Role::kSupervisor, Role::kAdmin},
                                             runtime_.context().region, "stop dialing");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.campaign_id().empty()) v.Add("campaign_id", "required");
  if (request.reason().size() > 500) v.Add("reason", "at most 500 bytes");
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid request");
  return Mutate("StopDialing", request.campaign_id(), request.request_id(), request,
                *response.mutable_campaign_runtime(),
                [&](pqxx::work&, v1::CampaignRuntime r) -> absl::StatusOr<v1::CampaignRuntime> {
                  r.set_dialing_state(v1::DIALING_STATE_STOPPED);
                  return r;
                });
}

}  // namespace tmk::dialing
