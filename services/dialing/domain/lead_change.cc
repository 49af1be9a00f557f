#include "services/dialing/domain/lead_change.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

bool IsClosed(LeadState s) { return s == LeadState::kOrdered || s == LeadState::kStopped; }

bool ChangesFields(const LeadChange& c) {
  return c.priority || c.next_attempt_time || c.callback_owner_agent_id || c.stage ||
         c.intention_class || c.contact_point_id;
}

void Check(const LeadChange& c, TimePoint now, Violations& v) {
  if (c.priority && (*c.priority < kMinLeadPriority || *c.priority > kMaxLeadPriority)) {
    v.Add("lead.priority",
          absl::StrCat("must be between ", kMinLeadPriority, " and ", kMaxLeadPriority));
  }
  if (c.next_attempt_time && *c.next_attempt_time < now) {
    v.Add("lead.next_attempt_time", "must not be in the past");
  }
  if (c.stage && !campaigns::IsKnown(*c.stage)) v.Add("lead.stage", "unknown sale stage");
  if (c.intention_class && !campaigns::IsKnown(*c.intention_class)) {
    v.Add("lead.intention_class", "unknown intention class");
  }
  if (c.stop && c.reopen) v.Add("reopen", "a lead is either stopped or reopened, not both");
}

absl::Status Refuse(std::string message, std::string_view reason) {
  return WithReason(absl::FailedPreconditionError(std::move(message)), reason);
}

}  // namespace

absl::StatusOr<LeadFacts> ApplyLeadChange(LeadFacts lead, const LeadChange& change,
                                          TimePoint now) {
  Violations v;
  Check(change, now, v);
  if (!v.empty()) return v.ToStatus("invalid lead change");
  if (lead.state == LeadState::kInProgress) {
    return Refuse(absl::StrCat("lead ", lead.lead_id, " is on a call: its wrap-up decides"),
                  "LEAD_IN_PROGRESS");
  }
  if (change.reopen) {
    if (lead.state != LeadState::kStopped) {
      return Refuse(absl::StrCat("lead ", lead.lead_id, " is not stopped"), "LEAD_NOT_STOPPED");
    }
    if (lead.stop_reason == LeadStopReason::kDoNotCall) {
      return Refuse(absl::StrCat("lead ", lead.lead_id,
                                 " was stopped because the customer asked not to be called"),
                    "LEAD_DO_NOT_CALL");
    }
    lead.state = lead.attempts == 0 ? LeadState::kNew : LeadState::kScheduled;
    lead.stop_reason = LeadStopReason::kUnspecified;
    lead.next_attempt_time = now;
  } else if (IsClosed(lead.state) && (change.stop || ChangesFields(change))) {
    return Refuse(absl::StrCat("lead ", lead.lead_id, " is closed; reopen it first"),
                  "LEAD_CLOSED");
  }
  if (change.priority) lead.priority = *change.priority;
  if (change.callback_owner_agent_id) lead.callback_owner_agent_id = *change.callback_owner_agent_id;
  if (change.stage) lead.stage = *change.stage;
  if (change.intention_class && *change.intention_class != lead.intention_class) {
    lead.intention_class = *change.intention_class;
    lead.contacts_in_class = 0;  // R12: the cadence counts contacts since entering the class
  }
  if (change.contact_point_id) lead.contact_point_id = *change.contact_point_id;
  if (change.next_attempt_time) {
    lead.next_attempt_time = *change.next_attempt_time;
    if (lead.state == LeadState::kNew) lead.state = LeadState::kScheduled;
  }
  if (change.stop) {
    lead.state = LeadState::kStopped;
    lead.stop_reason = LeadStopReason::kManual;
  }
  return lead;
}

}  // namespace tmk::dialing
