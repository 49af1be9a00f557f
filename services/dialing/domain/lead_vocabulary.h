#pragma once
// The lead's own vocabulary (R2, R11-R13, R17) as plain enums whose numeric values equal the
// protos' (dialing.v1 lead.proto, callback.proto; contacts.v1 ContactPointStatus), so the rules
// here, the store and the events mean one thing. The sales vocabulary (intention class, stage,
// outcome) and the campaign's contact strategy are campaigns' mirrors of their contracts and are
// used as they are, never copied.

namespace tmk::dialing {

// telemarketing.dialing.v1.LeadState.
enum class LeadState {
  kUnspecified = 0,
  kNew = 1,
  kScheduled = 2,
  kCallback = 3,
  kQueued = 4,
  kInProgress = 5,
  kOrdered = 6,
  kStopped = 7,
};

// telemarketing.dialing.v1.LeadStopReason.
enum class LeadStopReason {
  kUnspecified = 0,
  kDefinitelyNot = 1,
  kMaxAttempts = 2,
  kMaxContacts = 3,
  kDoNotCall = 4,
  kNoValidContactPoint = 5,
  kConsentWithdrawn = 6,
  kCampaignCompleted = 7,
  kManual = 8,
  kDisposition = 9,
};

// telemarketing.dialing.v1.CallbackOwnership.
enum class CallbackOwnership {
  kUnspecified = 0,
  kAgentOnly = 1,
  kAgentPreferred = 2,
  kAnyone = 3,
};

// telemarketing.dialing.v1.CallbackKind.
enum class CallbackKind {
  kUnspecified = 0,
  kCustomerRequested = 1,
  kAfterSaleCheck = 2,
  kScheduled = 3,
};

// telemarketing.contacts.v1.ContactPointStatus.
enum class ContactPointStatus {
  kUnspecified = 0,
  kUnverified = 1,
  kValid = 2,
  kInvalidNumber = 3,
  kWrongParty = 4,
  kDisconnected = 5,
};

// Unverified and valid numbers may be dialed; every other status is a list-screening result (R2).
inline bool IsDialable(ContactPointStatus status) {
  return status == ContactPointStatus::kUnverified || status == ContactPointStatus::kValid;
}

}  // namespace tmk::dialing
