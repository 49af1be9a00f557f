#pragma once
// The rules of contact points as sub-resources of a customer (R2, R3): adding a phone or e-mail
// (normalised, never twice for one customer, at most Limits::kMaxContactPoints), changing its
// status, label, primary flag or value, and list-screening batches of status changes. Plain data
// in, violations with request field paths out; the gRPC layer maps and stores.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/status_details.h"
#include "services/contacts/domain/callability.h"
#include "services/contacts/domain/phone_number.h"

namespace tmk::contacts {

struct ContactPointLimits {
  static constexpr size_t kMaxLabel = 64;
  static constexpr size_t kMaxSource = 128;
  static constexpr size_t kMaxReason = 500;
  static constexpr size_t kMaxCallId = 128;
  static constexpr size_t kMaxBatch = 1000;
};

// A point the customer already has.
struct ExistingPoint {
  std::string contact_point_id;
  std::string normalized;
};

// A point as a request gives it; `status` kUnspecified means UNVERIFIED.
struct ContactPointInput {
  ContactKind kind = ContactKind::kUnspecified;
  std::string value;
  PointStatus status = PointStatus::kUnspecified;
  std::string label;
  std::string source;
};

// A new point for a customer holding `existing` (R2): INVALID_ARGUMENT with violations under
// `prefix` ("contact_point.value"...), FAILED_PRECONDITION when the customer already has the
// maximum, ALREADY_EXISTS (DUPLICATE_CONTACT_POINT) when it already has this normalised value.
absl::StatusOr<NormalizedContact> ValidateNewContactPoint(const ContactPointInput& point,
                                                          const std::vector<ExistingPoint>& existing,
                                                          const std::string& prefix);

// UpdateContactPoint's mask: required; "status", "label", "primary", "value", each at most once.
absl::Status ValidateContactPointMask(const std::vector<std::string>& paths);

// The fields of an update at the masked `paths` (validated by ValidateContactPointMask), for a
// point of `kind` (immutable) whose siblings are `others`: the status must be a known one, the
// value normalises to something the customer does not already have elsewhere. The normalised
// value when "value" is masked.
absl::StatusOr<NormalizedContact> ValidateContactPointUpdate(const ContactPointInput& patch,
                                                             const std::vector<std::string>& paths,
                                                             ContactKind kind,
                                                             const std::vector<ExistingPoint>& others,
                                                             const std::string& prefix);

// One entry of BatchUpdateContactPointStatuses (R2 list screening).
struct StatusUpdate {
  std::string customer_id;
  std::string contact_point_id;
  PointStatus status = PointStatus::kUnspecified;
  std::string reason;
  std::string call_id;
};

// 1 to ContactPointLimits::kMaxBatch entries, each with ids, a known status and bounded texts,
// no point twice; every violation at once, at "updates[i].<field>".
absl::Status ValidateStatusUpdates(const std::vector<StatusUpdate>& updates);

}  // namespace tmk::contacts
