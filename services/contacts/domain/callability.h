#pragma once
// Whether a contact point may be called now, and every reason why not (R2 list screening, R6
// consent and do-not-call). Plain facts in, a verdict out: no protobuf, no SQL, so the rules are
// tested alone and mirrored set-wise by the SQL function callable_contact_points
// (migrations/0002_consent_dnc.sql) — change both together.
//
// The rules, in the order their reasons are reported:
//  1. The customer and the contact point must exist, and the point must be a phone.
//  2. List screening (R2): status INVALID_NUMBER, WRONG_PARTY or DISCONNECTED is never dialed.
//  3. Do-not-call (R6): an entry applies when it is not lifted, not expired at the check time,
//     covers the channel (or every channel) and its scope matches: global always; region when it
//     names the checking region; campaign when it names the checking campaign.
//  4. Consent (R6): among the decisions for the customer × channel × purpose in effect at the
//     check time (effective_time ≤ at), the latest by HLC wins. Withdrawn forbids calling for any
//     purpose. For purposes that require consent (PurposeRequiresConsent: marketing only), no
//     decision, or a grant that has expired, counts as refusal (CONSENT_ABSENT).
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"

namespace tmk::contacts {

// Numeric values equal the protobuf enums' (telemarketing.common.v1 / contacts.v1), so the API
// and SQL layers convert by value.
enum class ContactChannel { kUnspecified = 0, kVoice = 1, kSms = 2, kEmail = 3, kMessagingApp = 4, kMail = 5 };
enum class ContactPurpose { kUnspecified = 0, kMarketing = 1, kService = 2, kSurvey = 3, kInformationCollection = 4 };
enum class PointStatus { kUnspecified = 0, kUnverified = 1, kValid = 2, kInvalidNumber = 3, kWrongParty = 4, kDisconnected = 5 };
enum class ConsentState { kUnspecified = 0, kGranted = 1, kWithdrawn = 2 };
enum class DncScope { kUnspecified = 0, kGlobal = 1, kRegion = 2, kCampaign = 3 };
enum class NonCallableReason {
  kCustomerNotFound = 1,
  kContactPointNotFound = 2,
  kNotAPhone = 3,
  kInvalidNumber = 4,
  kWrongParty = 5,
  kDisconnected = 6,
  kDncGlobal = 7,
  kDncRegion = 8,
  kDncCampaign = 9,
  kConsentWithdrawn = 10,
  kConsentAbsent = 11,
};

// Marketing (selling: promotion, cross-/up-sell, retention offers, lead follow-up) is the only
// purpose that needs an explicit grant (PIPL: direct marketing rests on consent). Service calls on
// an existing relationship, surveys and information collection rest on the relationship itself;
// for them only an explicit withdrawal stops the call.
bool PurposeRequiresConsent(ContactPurpose purpose);

// One decision of the customer's consent history for the checked channel and purpose.
struct ConsentFact {
  ConsentState state = ConsentState::kUnspecified;
  TimePoint effective_time;
  std::optional<TimePoint> expire_time;  // grants only
  HlcTimestamp hlc;
};

// A do-not-call entry that names the customer or the point's number.
struct DncFact {
  std::string dnc_entry_id;
  DncScope scope = DncScope::kUnspecified;
  std::string region_id;
  std::string campaign_id;
  ContactChannel channel = ContactChannel::kUnspecified;  // unspecified: every channel
  std::optional<TimePoint> expire_time;
  bool lifted = false;
};

struct CallableFacts {
  bool customer_found = true;  // false: the queried customer does not exist
  bool has_customer = true;    // false: a raw number that belongs to no customer here (only DNC
                               // by number applies; consent is necessarily absent)
  bool point_found = true;
  bool is_phone = true;
  PointStatus status = PointStatus::kUnverified;
  std::vector<DncFact> dnc;
  std::vector<ConsentFact> consents;
};

struct CallableCheck {
  ContactPurpose purpose = ContactPurpose::kUnspecified;
  ContactChannel channel = ContactChannel::kVoice;  // unspecified is treated as voice
  std::string region_id;    // the checking region
  std::string campaign_id;  // empty: no campaign
  TimePoint at;
};

struct CallableVerdict {
  bool callable = true;
  std::vector<NonCallableReason> reasons;
  std::vector<std::string> dnc_entry_ids;  // the entries that apply
  // When every reason is a DNC entry with an expiry: the instant the last of them lapses.
  std::optional<TimePoint> callable_after;
};

// The latest decision in effect at `at` (by HLC), if any.
std::optional<ConsentFact> CurrentConsent(const std::vector<ConsentFact>& history, TimePoint at);

// Whether a DNC entry blocks this check (rule 3).
bool DncApplies(const DncFact& entry, const CallableCheck& check);

CallableVerdict EvaluateCallable(const CallableFacts& facts, const CallableCheck& check);

}  // namespace tmk::contacts
