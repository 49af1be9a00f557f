#include "services/campaigns/domain/sales_vocabulary.h"

namespace tmk::campaigns {
namespace {

template <size_t N>
std::string NameOf(int value, const char* const (&names)[N]) {
  if (value >= 0 && value < static_cast<int>(N)) return names[value];
  return std::to_string(value);
}

constexpr const char* kIntentionNames[] = {"UNSPECIFIED", "BUY_NOW", "INTERESTED",
                                           "CONSIDERING", "NOT_NOW", "DEFINITELY_NOT"};
constexpr const char* kStageNames[] = {"UNSPECIFIED", "LIST_SCREENING", "FOLLOW_UP",
                                       "RESOLVING_QUESTIONS", "ORDER"};
constexpr const char* kOutcomeNames[] = {"UNSPECIFIED",        "NO_ANSWER",
                                         "BUSY",               "INVALID_NUMBER",
                                         "WRONG_PARTY",        "MACHINE",
                                         "CALLBACK_REQUESTED", "REACHED",
                                         "ABANDONED",          "NETWORK_FAILURE",
                                         "DO_NOT_CALL_REQUESTED", "HUNG_UP"};
constexpr const char* kKindNames[] = {"UNSPECIFIED", "B2C", "B2B"};

// A known value: one of the names after UNSPECIFIED.
template <size_t N>
bool InRange(int value, const char* const (&)[N]) {
  return value >= 1 && value < static_cast<int>(N);
}

}  // namespace

bool IsKnown(IntentionClass v) { return InRange(static_cast<int>(v), kIntentionNames); }
bool IsKnown(SaleStage v) { return InRange(static_cast<int>(v), kStageNames); }
bool IsKnown(CallOutcome v) { return InRange(static_cast<int>(v), kOutcomeNames); }
bool IsKnown(CustomerKind v) { return InRange(static_cast<int>(v), kKindNames); }

std::string Name(IntentionClass v) { return NameOf(static_cast<int>(v), kIntentionNames); }
std::string Name(SaleStage v) { return NameOf(static_cast<int>(v), kStageNames); }
std::string Name(CallOutcome v) { return NameOf(static_cast<int>(v), kOutcomeNames); }
std::string Name(CustomerKind v) { return NameOf(static_cast<int>(v), kKindNames); }

bool IsConversation(CallOutcome outcome) {
  return outcome == CallOutcome::kReached || outcome == CallOutcome::kCallbackRequested ||
         outcome == CallOutcome::kDoNotCallRequested;
}

bool IsRetryable(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::kNoAnswer:
    case CallOutcome::kBusy:
    case CallOutcome::kMachine:
    case CallOutcome::kAbandoned:
    case CallOutcome::kNetworkFailure:
    case CallOutcome::kHungUp:
      return true;
    default:
      return false;
  }
}

bool IsScreeningFailure(CallOutcome outcome) {
  return outcome == CallOutcome::kInvalidNumber || outcome == CallOutcome::kWrongParty;
}

}  // namespace tmk::campaigns
