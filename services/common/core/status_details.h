#pragma once
// Error details that domain code can attach without knowing protobuf or gRPC. The gRPC layer
// (services/common/grpc/status_mapping.h) is the one place that turns them into
// google.rpc.BadRequest / google.rpc.ErrorInfo details.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tmk {

struct FieldViolation {
  std::string field;        // request path, e.g. "customer.contact_points[1].value"
  std::string description;  // what is wrong and what would be right
};

// Collects every violation in a request before answering, so a client fixes all at once.
class Violations {
 public:
  void Add(std::string field, std::string description) {
    list_.push_back({std::move(field), std::move(description)});
  }
  bool empty() const { return list_.empty(); }
  const std::vector<FieldViolation>& list() const { return list_; }
  // INVALID_ARGUMENT carrying every violation; OK when there are none.
  absl::Status ToStatus(std::string_view summary = "invalid request") const;

 private:
  std::vector<FieldViolation> list_;
};

absl::Status InvalidField(std::string field, std::string description);

// Attaches a machine-readable reason (google.rpc.ErrorInfo.reason, UPPER_SNAKE_CASE), e.g.
// FAILED_PRECONDITION with reason "CAMPAIGN_NOT_APPROVED".
absl::Status WithReason(absl::Status status, std::string_view reason);
// The same, with google.rpc.ErrorInfo.metadata a client can act on without parsing the message,
// e.g. {"owner_region_id": "gd"} on NOT_OWNER. Keys and values must not contain line breaks.
absl::Status WithReason(absl::Status status, std::string_view reason,
                        const std::map<std::string, std::string>& metadata);

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
std::string ReasonOf(const absl::Status& status);
std::map<std::string, std::string> ReasonMetadataOf(const absl::Status& status);

}  // namespace tmk
