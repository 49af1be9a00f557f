#pragma once
// What the dialing rules know about one lead (R11, R12, R17): a customer in a campaign with its
// counters and contact points. Mirrors telemarketing.dialing.v1.Lead plus the per-outcome attempt
// counts and contact-point statuses the store keeps beside it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_vocabulary.h"

namespace tmk::dialing {

// A phone of the customer, in the order contacts ranks them (best first).
struct LeadContactPoint {
  std::string contact_point_id;
  ContactPointStatus status = ContactPointStatus::kUnverified;
};

struct LeadFacts {
  std::string lead_id;
  std::string campaign_id;
  std::string customer_id;
  LeadState state = LeadState::kNew;
  LeadStopReason stop_reason = LeadStopReason::kUnspecified;
  campaigns::SaleStage stage = campaigns::SaleStage::kUnspecified;
  campaigns::IntentionClass intention_class = campaigns::IntentionClass::kUnspecified;
  int attempts = 0;           // dial attempts, counted when a call is placed (BeginAttempt)
  int contacts = 0;           // conversations
  int contacts_in_class = 0;  // conversations since entering intention_class (R12)
  std::map<campaigns::CallOutcome, int> attempts_by_outcome;
  campaigns::CallOutcome last_outcome = campaigns::CallOutcome::kUnspecified;
  std::optional<TimePoint> last_attempt_time;
  std::optional<TimePoint> next_attempt_time;
  std::vector<LeadContactPoint> contact_points;
  std::string contact_point_id;  // the one dialed next, or being dialed
  std::string callback_owner_agent_id;
  CallbackOwnership callback_ownership = CallbackOwnership::kUnspecified;
  int priority = 0;  // higher first; VIPs get more (R19)
};

}  // namespace tmk::dialing
