#include "services/dialing/api/compliance_settings_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/api/idempotent_mutation.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;

namespace {

constexpr char kField[] = "compliance_settings.";

// Copies the masked paths of `in` onto `out`; unknown or output-only paths are violations.
void ApplyMask(const v1::UpdateComplianceSettingsRequest& request, v1::ComplianceSettings& out,
               Violations& v) {
  const v1::ComplianceSettings& in = request.compliance_settings();
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "default_abandon_target") {
      out.set_default_abandon_target(in.default_abandon_target());
    } else if (path == "max_abandon_target") {
      out.set_max_abandon_target(in.max_abandon_target());
    } else if (path == "abandon_connect_threshold") {
      *out.mutable_abandon_connect_threshold() = in.abandon_connect_threshold();
    } else if (path == "min_ring_duration") {
      *out.mutable_min_ring_duration() = in.min_ring_duration();
    } else if (path == "abandon_recall_block") {
      *out.mutable_abandon_recall_block() = in.abandon_recall_block();
    } else if (path == "abandon_message_required") {
      out.set_abandon_message_required(in.abandon_message_required());
    } else if (path == "recording_notice_required") {
      out.set_recording_notice_required(in.recording_notice_required());
    } else if (path == "max_dial_level") {
      out.set_max_dial_level(in.max_dial_level());
    } else {
      v.Add("update_mask", absl::StrCat("'", path, "' is not a settable field"));
    }
  }
}

}  // namespace

absl::Status ComplianceSettingsApi::GetComplianceSettings(
    const auth::Principal& who, const v1::GetComplianceSettingsRequest&,
    v1::GetComplianceSettingsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kSupervisor, Role::kAdmin, Role::kIntegrator}, region,
                          "read compliance settings");
      !allowed.ok()) {
    return allowed;
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    *response.mutable_compliance_settings() =
        settings_.Find(tx, region).value_or(DefaultSettings(region));
    return absl::OkStatus();
  });
}

absl::Status ComplianceSettingsApi::UpdateComplianceSettings(
    const auth::Principal& who, const v1::UpdateComplianceSettingsRequest& request,
    v1::UpdateComplianceSettingsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kAdmin}, region, "change compliance settings");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid update");
  const int64_t expected = request.compliance_settings().revision();
  IdempotentMutation<v1::ComplianceSettings> m{
      "UpdateComplianceSettings", request.request_id(), grpcx::RequestFingerprint(request),
      [&](pqxx::work& tx, const std::string&) -> absl::StatusOr<v1::ComplianceSettings> {
        return settings_.Find(tx, region).value_or(DefaultSettings(region));
      },
      [&](pqxx::work& tx) -> absl::StatusOr<v1::ComplianceSettings> {
        settings_.Ensure(tx, DefaultSettings(region));
        v1::ComplianceSettings current = *settings_.Find(tx, region, /*for_update=*/true);
        if (expected != 0 && expected != current.revision()) {
          return grpcx::RevisionMismatch(expected, current.revision(), "compliance settings");
        }
        Violations bad;
        v1::ComplianceSettings next = current;
        ApplyMask(request, next, bad);
        // R20: refused field by field, never clamped to the law.
        for (const RuleViolation& violation : ValidateComplianceRules(ToRules(next))) {
          bad.Add(absl::StrCat(kField, violation.field), violation.description);
        }
        if (!bad.empty()) return bad.ToStatus("invalid compliance settings");
        next.set_revision(current.revision() + 1);
        *next.mutable_update_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
        settings_.Put(tx, next);
        return next;
      },
      [](const v1::ComplianceSettings& s) { return s.region_id(); }};
  return MutateOnce(runtime_.pool(), requests_, m, *response.mutable_compliance_settings());
}

}  // namespace tmk::dialing
