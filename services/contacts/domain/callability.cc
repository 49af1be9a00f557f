#include "services/contacts/domain/callability.h"

#include <algorithm>

namespace tmk::contacts {

bool PurposeRequiresConsent(ContactPurpose purpose) { return purpose == ContactPurpose::kMarketing; }

std::optional<ConsentFact> CurrentConsent(const std::vector<ConsentFact>& history, TimePoint at) {
  std::optional<ConsentFact> latest;
  for (const ConsentFact& decision : history) {
    if (decision.effective_time > at) continue;  // not made yet at the check time
    if (!latest || latest->hlc < decision.hlc) latest = decision;
  }
  return latest;
}

bool DncApplies(const DncFact& entry, const CallableCheck& check) {
  if (entry.lifted) return false;
  if (entry.expire_time && *entry.expire_time <= check.at) return false;
  ContactChannel channel =
      check.channel == ContactChannel::kUnspecified ? ContactChannel::kVoice : check.channel;
  if (entry.channel != ContactChannel::kUnspecified && entry.channel != channel) return false;
  switch (entry.scope) {
    case DncScope::kGlobal:
      return true;
    case DncScope::kRegion:
      return !check.region_id.empty() && entry.region_id == check.region_id;
    case DncScope::kCampaign:
      return !check.campaign_id.empty() && entry.campaign_id == check.campaign_id;
    case DncScope::kUnspecified:
      break;
  }
  return false;
}

namespace {

NonCallableReason DncReason(DncScope scope) {
  switch (scope) {
    case DncScope::kRegion:
      return NonCallableReason::kDncRegion;
    case DncScope::kCampaign:
      return NonCallableReason::kDncCampaign;
    default:
      return NonCallableReason::kDncGlobal;
  }
}

void AddReason(CallableVerdict& verdict, NonCallableReason reason) {
  if (std::find(verdict.reasons.begin(), verdict.reasons.end(), reason) == verdict.reasons.end()) {
    verdict.reasons.push_back(reason);
  }
}

}  // namespace

CallableVerdict EvaluateCallable(const CallableFacts& facts, const CallableCheck& check) {
  CallableVerdict verdict;
  // Rule 1: nothing else can be judged about a point that is not there.
  if (!facts.customer_found) {
    verdict.reasons.push_back(NonCallableReason::kCustomerNotFound);
  } else if (!facts.point_found) {
    verdict.reasons.push_back(NonCallableReason::kContactPointNotFound);
  } else if (!facts.is_phone) {
    verdict.reasons.push_back(NonCallableReason::kNotAPhone);
  }
  if (!verdict.reasons.empty()) {
    verdict.callable = false;
    return verdict;
  }

  // Rule 2: list screening (R2).
  switch (facts.status) {
    case PointStatus::kInvalidNumber:
      verdict.reasons.push_back(NonCallableReason::kInvalidNumber);
      break;
    case PointStatus::kWrongParty:
      verdict.reasons.push_back(NonCallableReason::kWrongParty);
      break;
    case PointStatus::kDisconnected:
      verdict.reasons.push_back(NonCallableReason::kDisconnected);
      break;
    default:
      break;
  }
  bool only_time_limited = verdict.reasons.empty();

  // Rule 3: do-not-call.
  std::optional<TimePoint> last_expiry;
  for (const DncFact& entry : facts.dnc) {
    if (!DncApplies(entry, check)) continue;
    AddReason(verdict, DncReason(entry.scope));
    verdict.dnc_entry_ids.push_back(entry.dnc_entry_id);
    if (!entry.expire_time) {
      only_time_limited = false;
    } else if (!last_expiry || *last_expiry < *entry.expire_time) {
      last_expiry = entry.expire_time;
    }
  }

  // Rule 4: consent.
  std::optional<ConsentFact> current =
      facts.has_customer ? CurrentConsent(facts.consents, check.at) : std::nullopt;
  if (current && current->state == ConsentState::kWithdrawn) {
    verdict.reasons.push_back(NonCallableReason::kConsentWithdrawn);
    only_time_limited = false;
  } else if (PurposeRequiresConsent(check.purpose)) {
    bool granted = current && current->state == ConsentState::kGranted &&
                   (!current->expire_time || *current->expire_time > check.at);
    if (!granted) {
      verdict.reasons.push_back(NonCallableReason::kConsentAbsent);
      only_time_limited = false;
    }
  }

  verdict.callable = verdict.reasons.empty();
  if (!verdict.callable && only_time_limited && last_expiry) verdict.callable_after = last_expiry;
  return verdict;
}

}  // namespace tmk::contacts
