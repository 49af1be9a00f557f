#include "services/common/core/status_details.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_split.h"

namespace tmk {
namespace {

// Payload keys are URLs by absl convention; the encoding is internal to this file.
constexpr char kViolationsKey[] = "tm.internal/field-violations";
constexpr char kReasonKey[] = "tm.internal/error-reason";
constexpr char kMetadataKey[] = "tm.internal/error-metadata";

// One violation per line, field and description separated by a unit separator (never in text).
constexpr char kSep = '\x1f';

}  // namespace

absl::Status Violations::ToStatus(std::string_view summary) const {
  if (list_.empty()) return absl::OkStatus();
  std::string encoded;
  std::string message(summary);
  message += ": ";
  for (size_t i = 0; i < list_.size(); ++i) {
    encoded += list_[i].field + kSep + list_[i].description + '\n';
    if (i > 0) message += "; ";
    message += list_[i].field + ": " + list_[i].description;
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kViolationsKey, absl::Cord(encoded));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  Violations v;
  v.Add(std::move(field), std::move(description));
  return v.ToStatus();
}

absl::Status WithReason(absl::Status status, std::string_view reason) {
  status.SetPayload(kReasonKey, absl::Cord(std::string(reason)));
  return status;
}

absl::Status WithReason(absl::Status status, std::string_view reason,
                        const std::map<std::string, std::string>& metadata) {
  std::string encoded;
  for (const auto& [key, value] : metadata) encoded += key + kSep + value + '\n';
  status.SetPayload(kMetadataKey, absl::Cord(encoded));
  return WithReason(std::move(status), reason);
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsKey);
  if (!payload) return out;
  for (absl::string_view line : absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    size_t sep = line.find(kSep);
    if (sep == absl::string_view::npos) continue;
    out.push_back({std::string(line.substr(0, sep)), std::string(line.substr(sep + 1))});
  }
  return out;
}

std::map<std::string, std::string> ReasonMetadataOf(const absl::Status& status) {
  std::map<std::string, std::string> out;
  auto payload = status.GetPayload(kMetadataKey);
  if (!payload) return out;
  for (absl::string_view line : absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    size_t sep = line.find(kSep);
    if (sep == absl::string_view::npos) continue;
    out.emplace(std::string(line.substr(0, sep)), std::string(line.substr(sep + 1)));
  }
  return out;
}

std::string ReasonOf(const absl::Status& status) {
  auto payload = status.GetPayload(kReasonKey);
  return payload ? std::string(*payload) : std::string();
}

}  // namespace tmk
