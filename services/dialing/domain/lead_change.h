#pragma once
// What a supervisor may change on a lead, and how (R11, R12, R17): UpdateLead's rules. Pure: the
// handler brings the lead and the requested change, and stores the answer.
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

// Priority bounds: wide enough for any ranking a supervisor means, narrow enough that a typo
// (an extra digit) is caught. The VIP bonus (R19) stays inside them.
inline constexpr int kMinLeadPriority = -100;
inline constexpr int kMaxLeadPriority = 100;

// Each set field is to be written.
struct LeadChange {
  std::optional<int> priority;
  std::optional<TimePoint> next_attempt_time;
  std::optional<std::string> callback_owner_agent_id;
  std::optional<campaigns::SaleStage> stage;
  std::optional<campaigns::IntentionClass> intention_class;
  std::optional<std::string> contact_point_id;
  bool stop = false;    // STOPPED MANUAL
  bool reopen = false;  // a stopped lead back into the schedule
};

// The lead after `change` at `now`. Refusals:
//  INVALID_ARGUMENT with field violations: "lead.priority" (outside the bounds),
//    "lead.next_attempt_time" (before now), "lead.stage" / "lead.intention_class" (unknown),
//    "reopen" (with stop);
//  FAILED_PRECONDITION LEAD_IN_PROGRESS   a call is on the lead: the wrap-up decides;
//  FAILED_PRECONDITION LEAD_CLOSED        a field change or stop on an ORDERED or STOPPED lead;
//  FAILED_PRECONDITION LEAD_NOT_STOPPED   reopen of a lead that is not stopped;
//  FAILED_PRECONDITION LEAD_DO_NOT_CALL   reopen of a lead stopped for do-not-call (R6).
// Reopen puts the lead back as SCHEDULED at now (NEW when never attempted); a new next attempt
// time on a NEW lead makes it SCHEDULED.
absl::StatusOr<LeadFacts> ApplyLeadChange(LeadFacts lead, const LeadChange& change, TimePoint now);

}  // namespace tmk::dialing
