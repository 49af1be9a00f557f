#include "services/contacts/api/sharing_policy_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/contacts/api/customer_sharing.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;

void SharingPolicyApi::Respond(const std::optional<StoredSharingPolicy>& stored,
                               v1::SharingPolicy& out) const {
  out.Clear();
  out.set_region_id(runtime_.context().region);
  if (!stored) {  // never changed: the default, with no etag to match
    ToProto(DefaultSharingPolicy(), out);
    return;
  }
  ToProto(stored->policy, out);
  *out.mutable_update_time() = grpcx::ToProtoTime(stored->update_time);
  out.mutable_updated_by()->set_actor_id(stored->updated_by);
  out.mutable_updated_by()->set_role(
      static_cast<telemarketing::common::v1::Role>(stored->updated_by_role));
  out.mutable_updated_by()->set_region_id(runtime_.context().region);
  out.set_etag(stored->etag);
}

absl::Status SharingPolicyApi::GetSharingPolicy(const auth::Principal& who,
                                                const v1::GetSharingPolicyRequest&,
                                                v1::GetSharingPolicyResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "read the sharing policy");
      !allowed.ok()) {
    return allowed;
  }
  std::optional<StoredSharingPolicy> stored;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    stored = store_.Load(tx);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Respond(stored, *response.mutable_sharing_policy());
  return absl::OkStatus();
}

absl::Status SharingPolicyApi::UpdateSharingPolicy(const auth::Principal& who,
                                                   const v1::UpdateSharingPolicyRequest& request,
                                                   v1::UpdateSharingPolicyResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kAdmin}, region, "change the sharing policy");
      !allowed.ok()) {
    return allowed;
  }
  const v1::SharingPolicy& wanted = request.sharing_policy();
  Violations v;
  if (request.request_id().empty()) v.Add("request_id", "required: policy changes are idempotent");
  grpcx::CheckRequestId(request.request_id(), v);
  bool rules = false, default_mode = false;
  if (request.update_mask().paths().empty()) {
    v.Add("update_mask", "required: \"rules\", \"default_mode\" or both");
  }
  for (int i = 0; i < request.update_mask().paths_size(); ++i) {
    const std::string& path = request.update_mask().paths(i);
    if (path == "rules") {
      rules = true;
    } else if (path == "default_mode") {
      default_mode = true;
    } else {
      v.Add(absl::StrCat("update_mask.paths[", i, "]"),
            absl::StrCat("\"", path, "\" cannot be changed: \"rules\" or \"default_mode\""));
    }
  }
  std::vector<SharingRule> new_rules;
  if (rules) {
    for (int i = 0; i < wanted.rules_size(); ++i) {
      const v1::FieldSharingRule& rule = wanted.rules(i);
      if (rule.mode() == v1::SHARING_MODE_UNSPECIFIED || !v1::SharingMode_IsValid(rule.mode())) {
        v.Add(absl::StrCat("sharing_policy.rules[", i, "].mode"),
              "SHARING_MODE_SHARE, SHARING_MODE_MASK or SHARING_MODE_WITHHOLD");
      }
      new_rules.push_back({rule.field_path(), FromProto(rule.mode())});
    }
    for (const FieldViolation& f : FieldViolationsOf(ValidateSharingRules(new_rules))) {
      v.Add(f.field, f.description);
    }
  }
  if (default_mode && (wanted.default_mode() == v1::SHARING_MODE_UNSPECIFIED ||
                       !v1::SharingMode_IsValid(wanted.default_mode()))) {
    v.Add("sharing_policy.default_mode",
          "SHARING_MODE_SHARE, SHARING_MODE_MASK or SHARING_MODE_WITHHOLD");
  }
  if (!v.empty()) return v.ToStatus("invalid sharing policy");

  const std::string fingerprint = grpcx::RequestFingerprint(request);
  std::optional<StoredSharingPolicy> result;
  bool changed = false;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<std::string> earlier = store_.FindRequest(tx, request.request_id())) {
      if (*earlier != fingerprint) return grpcx::ReusedRequestId();
      result = store_.Load(tx);
      return absl::OkStatus();
    }
    std::optional<StoredSharingPolicy> current = store_.Load(tx);
    const std::string current_etag = current ? current->etag : "";
    if (!wanted.etag().empty() && wanted.etag() != current_etag) {
      return WithReason(absl::AbortedError(absl::StrCat(
                            "etag '", wanted.etag(), "' is stale; the policy is at '",
                            current_etag, "': read it again and retry")),
                        "ETAG_MISMATCH");
    }
    StoredSharingPolicy next;
    next.policy = current ? current->policy : DefaultSharingPolicy();
    if (rules) next.policy.rules = new_rules;
    if (default_mode) next.policy.default_mode = FromProto(wanted.default_mode());
    next.hlc = hlc_.Now();
    next.etag = absl::StrCat(next.hlc.wall_millis, ".", next.hlc.logical);
    next.updated_by = who.subject;
    next.updated_by_role = static_cast<int>(grpcx::ToProtoRole(who));
    next.update_time = runtime_.context().clock.Now();
    store_.Save(tx, next);
    store_.SaveRequest(tx, request.request_id(), fingerprint);
    result = std::move(next);
    changed = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (changed) changed_();
  Respond(result, *response.mutable_sharing_policy());
  return absl::OkStatus();
}

}  // namespace tmk::contacts
