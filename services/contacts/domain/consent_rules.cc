#include "services/contacts/domain/consent_rules.h"

#include "absl/status/statusor.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/contacts/domain/phone_number.h"

namespace tmk::contacts {
namespace {

constexpr int kDncReasonOther = 6;

void CheckRequestId(const std::string& request_id, Violations& violations) {
  if (request_id.empty()) {
    violations.Add("request_id", "required (an idempotency key)");
  } else if (request_id.size() > ConsentLimits::kMaxRequestId) {
    violations.Add("request_id", "at most 128 characters");
  }
}

bool InRange(int value, int low, int high) { return value >= low && value <= high; }

}  // namespace

absl::Status ValidateConsentDecision(const ConsentDecision& d, TimePoint now) {
  Violations violations;
  CheckRequestId(d.request_id, violations);
  if (d.customer_id.empty()) {
    violations.Add("consent.customer_id", "required");
  } else if (!Uuid::Parse(d.customer_id)) {
    violations.Add("consent.customer_id", "not a customer id (a UUID)");
  }
  if (!InRange(d.channel, 1, 5)) violations.Add("consent.channel", "required: one of the ContactChannel values");
  if (!InRange(d.purpose, 1, 4)) violations.Add("consent.purpose", "required: one of the ContactPurpose values");
  if (!InRange(d.state, 1, 2)) violations.Add("consent.state", "required: GRANTED or WITHDRAWN");
  if (d.source.empty()) {
    violations.Add("consent.source", "required: how the decision was collected, e.g. \"call\"");
  } else if (d.source.size() > ConsentLimits::kMaxSource) {
    violations.Add("consent.source", "at most 64 characters");
  }
  bool granting = d.state == static_cast<int>(ConsentState::kGranted);
  if (granting && d.evidence.empty()) {
    violations.Add("consent.evidence", "required when granting: a recording id, document URI or quote");
  } else if (d.evidence.size() > ConsentLimits::kMaxEvidence) {
    violations.Add("consent.evidence", "at most 2000 characters");
  }
  if (d.effective_time && *d.effective_time > now) {
    violations.Add("consent.effective_time", "must not be in the future");
  }
  if (granting && d.expire_time && *d.expire_time <= d.effective_time.value_or(now)) {
    violations.Add("consent.expire_time", "must be after the decision takes effect");
  }
  return violations.ToStatus("invalid consent decision");
}

absl::StatusOr<std::string> ValidateNewDncEntry(const NewDncEntry& e, TimePoint now) {
  Violations violations;
  CheckRequestId(e.request_id, violations);
  if (!InRange(e.scope, 1, 3)) violations.Add("dnc_entry.scope", "required: GLOBAL, REGION or CAMPAIGN");
  if (!InRange(e.reason, 1, 6)) violations.Add("dnc_entry.reason", "required: one of the DncReason values");
  if (!InRange(e.channel, 0, 5)) violations.Add("dnc_entry.channel", "not a ContactChannel value");
  if (e.scope == static_cast<int>(DncScope::kCampaign)) {
    if (e.campaign_id.empty()) violations.Add("dnc_entry.campaign_id", "required for scope CAMPAIGN");
  } else if (!e.campaign_id.empty()) {
    violations.Add("dnc_entry.campaign_id", "only for scope CAMPAIGN");
  }
  if (e.campaign_id.size() > 128) violations.Add("dnc_entry.campaign_id", "at most 128 characters");
  if (e.region_id.size() > 64) violations.Add("dnc_entry.region_id", "at most 64 characters");
  if (e.customer_id.empty() && e.phone_number.empty()) {
    violations.Add("dnc_entry.customer_id", "set customer_id or phone_number (or both)");
  }
  if (!e.customer_id.empty() && !Uuid::Parse(e.customer_id)) {
    violations.Add("dnc_entry.customer_id", "not a customer id (a UUID)");
  }
  std::string e164;
  if (!e.phone_number.empty()) {
    absl::StatusOr<NormalizedContact> phone = NormalizePhone(e.phone_number, ContactKind::kUnspecified);
    if (!phone.ok()) {
      violations.Add("dnc_entry.phone_number", std::string(phone.status().message()));
    } else {
      e164 = phone->normalized;
    }
  }
  if (e.reason == kDncReasonOther && e.reason_note.empty()) {
    violations.Add("dnc_entry.reason_note", "required when the reason is OTHER");
  }
  if (e.reason_note.size() > ConsentLimits::kMaxNote) {
    violations.Add("dnc_entry.reason_note", "at most 500 characters");
  }
  if (e.expire_time && *e.expire_time <= now) {
    violations.Add("dnc_entry.expire_time", "must be in the future");
  }
  if (!violations.empty()) return violations.ToStatus("invalid do-not-call entry");
  return e164;
}

int EffectivePageSize(int requested) {
  return requested == 0 ? ConsentLimits::kDefaultPageSize : requested;
}

}  // namespace tmk::contacts
