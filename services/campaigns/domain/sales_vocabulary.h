#pragma once
// The sales vocabulary of telemarketing.common.v1 (sales.proto) as plain enums whose numeric
// values equal the proto's, so a disposition configured here, applied by dialing and counted by
// reporting means one thing everywhere (R11, R12, R17, R20).
#include <string>

namespace tmk::campaigns {

// R11: the purchase-intention class of a reached customer.
enum class IntentionClass {
  kUnspecified = 0,
  kBuyNow = 1,
  kInterested = 2,
  kConsidering = 3,
  kNotNow = 4,
  kDefinitelyNot = 5,
};

// R11: the four stages of a sale, in order.
enum class SaleStage {
  kUnspecified = 0,
  kListScreening = 1,
  kFollowUp = 2,
  kResolvingQuestions = 3,
  kOrder = 4,
};

// What happened on one call attempt (R17, R20).
enum class CallOutcome {
  kUnspecified = 0,
  kNoAnswer = 1,
  kBusy = 2,
  kInvalidNumber = 3,
  kWrongParty = 4,
  kMachine = 5,
  kCallbackRequested = 6,
  kReached = 7,
  kAbandoned = 8,
  kNetworkFailure = 9,
  kDoNotCallRequested = 10,
  kHungUp = 11,
};

// R1, R10: consumers and businesses have different calling windows.
enum class CustomerKind {
  kUnspecified = 0,
  kB2c = 1,
  kB2b = 2,
};

bool IsKnown(IntentionClass value);
bool IsKnown(SaleStage value);
bool IsKnown(CallOutcome value);
bool IsKnown(CustomerKind value);

// The proto value names without prefix, e.g. "INTERESTED", "NO_ANSWER", "B2C"; "<n>" when unknown.
std::string Name(IntentionClass value);
std::string Name(SaleStage value);
std::string Name(CallOutcome value);
std::string Name(CustomerKind value);

// The customer was on the line and talked (R11: every reached customer is classed): reached, a
// callback asked for, or a do-not-call request.
bool IsConversation(CallOutcome outcome);
// Attempts that did not reach the customer and may be tried again on the same contact point.
bool IsRetryable(CallOutcome outcome);
// List screening results (R2): the contact point itself is bad and is never dialed again.
bool IsScreeningFailure(CallOutcome outcome);

}  // namespace tmk::campaigns
