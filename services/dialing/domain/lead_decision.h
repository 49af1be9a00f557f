#pragma once
// What a wrap-up decides (R2, R6, R12, R13, R17): the lead as it is to be stored, and the
// follow-up work as data for the handler to carry out in the same transaction (callback rows,
// outbox events, proposals to contacts).
#include <string>
#include <variant>
#include <vector>

#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

// A customer-requested callback (R17) or the after-sale check call (R13).
struct ScheduleCallback {
  CallbackKind kind = CallbackKind::kUnspecified;
  TimePoint callback_time;
  std::string owner_agent_id;  // empty with ownership ANYONE
  CallbackOwnership ownership = CallbackOwnership::kUnspecified;
  std::string contact_point_id;
};

// The customer refused further calls (R6): contacts records the do-not-call request.
struct RequestDoNotCall {};

// List screening (R2): contacts marks the dialed number, which is never dialed again.
struct MarkContactPoint {
  std::string contact_point_id;
  ContactPointStatus status = ContactPointStatus::kUnspecified;  // INVALID_NUMBER or WRONG_PARTY
};

// The customer's reasons and product feedback go to the product team (R12, R22).
struct ForwardFeedback {};

using LeadAction = std::variant<ScheduleCallback, RequestDoNotCall, MarkContactPoint,
                                ForwardFeedback>;

struct LeadDecision {
  LeadFacts lead;
  std::vector<LeadAction> actions;
};

}  // namespace tmk::dialing
