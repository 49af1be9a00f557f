#pragma once
// Validation of what a caller asks to record (R6): a consent decision and a do-not-call entry.
// Every violation is reported at once, with the request field path, as INVALID_ARGUMENT.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/contacts/domain/callability.h"

namespace tmk::contacts {

struct ConsentLimits {
  static constexpr size_t kMaxRequestId = 128;
  static constexpr size_t kMaxSource = 64;
  static constexpr size_t kMaxEvidence = 2000;
  static constexpr size_t kMaxNote = 500;
  static constexpr int kMaxPageSize = 1000;
  static constexpr int kDefaultPageSize = 100;
  static constexpr int kMaxCallableQueries = 1000;
};

struct ConsentDecision {
  std::string request_id;
  std::string customer_id;
  int channel = 0;  // ContactChannel value as received (may be out of range)
  int purpose = 0;  // ContactPurpose value
  int state = 0;    // ConsentState value
  std::string source;
  std::string evidence;
  std::optional<TimePoint> effective_time;
  std::optional<TimePoint> expire_time;
};

// A decision may not be dated in the future; a grant needs evidence and an expiry after it
// takes effect. Fields are reported as "request_id", "consent.<field>".
absl::Status ValidateConsentDecision(const ConsentDecision& decision, TimePoint now);

struct NewDncEntry {
  std::string request_id;
  int scope = 0;   // DncScope value
  int reason = 0;  // DncReason value (1..6)
  int channel = 0;
  std::string region_id;
  std::string campaign_id;
  std::string customer_id;
  std::string phone_number;  // raw
  std::string reason_note;
  std::optional<TimePoint> expire_time;
};

// Validates the entry and returns the phone in E.164 ("" when none). Fields are reported as
// "request_id", "dnc_entry.<field>".
absl::StatusOr<std::string> ValidateNewDncEntry(const NewDncEntry& entry, TimePoint now);

// 0 means the default (100); the caller has checked 0..1000.
int EffectivePageSize(int requested);

}  // namespace tmk::contacts
