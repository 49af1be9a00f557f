#include "services/contacts/domain/contact_point_rules.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/contacts/domain/new_customer.h"

namespace tmk::contacts {
namespace {

constexpr std::string_view kMaskPaths[] = {"status", "label", "primary", "value"};

bool IsKnownStatus(PointStatus status) {
  int n = static_cast<int>(status);
  return n >= static_cast<int>(PointStatus::kUnverified) &&
         n <= static_cast<int>(PointStatus::kDisconnected);
}

void CheckStatus(PointStatus status, const std::string& field, Violations& v) {
  if (!IsKnownStatus(status)) {
    v.Add(field, "one of UNVERIFIED, VALID, INVALID_NUMBER, WRONG_PARTY, DISCONNECTED");
  }
}

void CheckLabel(const std::string& label, const std::string& field, Violations& v) {
  if (label.size() > ContactPointLimits::kMaxLabel) {
    v.Add(field, absl::StrCat("at most ", ContactPointLimits::kMaxLabel, " bytes"));
  }
}

absl::StatusOr<NormalizedContact> Normalize(ContactKind kind, const std::string& value) {
  return kind == ContactKind::kEmail ? NormalizeEmail(value) : NormalizePhone(value, kind);
}

absl::Status Duplicate() {
  return WithReason(absl::AlreadyExistsError("the customer already has this contact point"),
                    "DUPLICATE_CONTACT_POINT");
}

bool Holds(const std::vector<ExistingPoint>& points, const std::string& normalized) {
  for (const ExistingPoint& p : points) {
    if (p.normalized == normalized) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<NormalizedContact> ValidateNewContactPoint(const ContactPointInput& point,
                                                          const std::vector<ExistingPoint>& existing,
                                                          const std::string& prefix) {
  Violations v;
  absl::StatusOr<NormalizedContact> normalized = absl::InvalidArgumentError("type");
  if (point.kind == ContactKind::kUnspecified) {
    v.Add(prefix + ".type", "required: MOBILE, FIXED_LINE or EMAIL");
  } else if (point.value.empty()) {
    v.Add(prefix + ".value", "required");
  } else {
    normalized = Normalize(point.kind, point.value);
    if (!normalized.ok()) v.Add(prefix + ".value", std::string(normalized.status().message()));
  }
  if (point.status != PointStatus::kUnspecified) CheckStatus(point.status, prefix + ".status", v);
  CheckLabel(point.label, prefix + ".label", v);
  if (point.source.size() > ContactPointLimits::kMaxSource) {
    v.Add(prefix + ".source", absl::StrCat("at most ", ContactPointLimits::kMaxSource, " bytes"));
  }
  if (!v.empty()) return v.ToStatus("invalid contact point");
  if (Holds(existing, normalized->normalized)) return Duplicate();
  if (existing.size() >= Limits::kMaxContactPoints) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "the customer already has ", Limits::kMaxContactPoints,
                          " contact points, the most it may have: delete one first")),
                      "TOO_MANY_CONTACT_POINTS");
  }
  return normalized;
}

absl::Status ValidateContactPointMask(const std::vector<std::string>& paths) {
  Violations v;
  if (paths.empty()) v.Add("update_mask", "required: name the fields to change");
  std::set<std::string> seen;
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string field = absl::StrCat("update_mask.paths[", i, "]");
    if (std::find(std::begin(kMaskPaths), std::end(kMaskPaths), paths[i]) == std::end(kMaskPaths)) {
      v.Add(field, absl::StrCat("'", paths[i].substr(0, 64),
                                "' cannot be updated; paths are status, label, primary, value"));
    } else if (!seen.insert(paths[i]).second) {
      v.Add(field, "repeated path");
    }
  }
  return v.ToStatus("invalid update_mask");
}

absl::StatusOr<NormalizedContact> ValidateContactPointUpdate(const ContactPointInput& patch,
                                                             const std::vector<std::string>& paths,
                                                             ContactKind kind,
                                                             const std::vector<ExistingPoint>& others,
                                                             const std::string& prefix) {
  auto masked = [&](std::string_view path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  Violations v;
  if (masked("status")) CheckStatus(patch.status, prefix + ".status", v);
  if (masked("label")) CheckLabel(patch.label, prefix + ".label", v);
  NormalizedContact normalized;
  if (masked("value")) {
    absl::StatusOr<NormalizedContact> n = Normalize(kind, patch.value);
    if (!n.ok()) {
      v.Add(prefix + ".value", patch.value.empty() ? "required"
                                                   : std::string(n.status().message()));
    } else {
      normalized = *std::move(n);
    }
  }
  if (!v.empty()) return v.ToStatus("invalid contact point");
  if (masked("value") && Holds(others, normalized.normalized)) return Duplicate();
  return normalized;
}

absl::Status ValidateStatusUpdates(const std::vector<StatusUpdate>& updates) {
  Violations v;
  if (updates.empty()) v.Add("updates", "at least one update");
  if (updates.size() > ContactPointLimits::kMaxBatch) {
    v.Add("updates", absl::StrCat("at most ", ContactPointLimits::kMaxBatch, " per call"));
    return v.ToStatus("invalid batch");  // not worth judging each of an oversized batch
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < updates.size(); ++i) {
    const StatusUpdate& u = updates[i];
    std::string at = absl::StrCat("updates[", i, "]");
    bool ids_ok = true;
    for (const auto& [id, name, what] :
         {std::tuple{&u.customer_id, ".customer_id", "customer"},
          std::tuple{&u.contact_point_id, ".contact_point_id", "contact point"}}) {
      if (id->empty()) {
        v.Add(at + name, "required");
        ids_ok = false;
      } else if (!Uuid::Parse(*id)) {
        v.Add(at + name, absl::StrCat("not a ", what, " id (a UUID)"));
        ids_ok = false;
      }
    }
    CheckStatus(u.status, at + ".status", v);
    if (u.reason.size() > ContactPointLimits::kMaxReason) {
      v.Add(at + ".reason", absl::StrCat("at most ", ContactPointLimits::kMaxReason, " bytes"));
    }
    if (u.call_id.size() > ContactPointLimits::kMaxCallId) {
      v.Add(at + ".call_id", absl::StrCat("at most ", ContactPointLimits::kMaxCallId, " bytes"));
    }
    if (ids_ok && !seen.insert({u.customer_id, u.contact_point_id}).second) {
      v.Add(at + ".contact_point_id", "the same contact point appears twice in the batch");
    }
  }
  return v.ToStatus("invalid batch");
}

}  // namespace tmk::contacts
