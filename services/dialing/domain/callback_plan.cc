#include "services/dialing/domain/callback_plan.h"

#include "absl/strings/str_cat.h"
#include "services/common/calendar/next_callable_time.h"

namespace tmk::dialing {

void CheckCallbackPlan(const CallbackPlan& plan, TimePoint now, std::string_view field,
                       Violations& v) {
  const std::string f(field);
  if (plan.callback_time <= now) {
    v.Add(f + ".callback_time", "must be in the future: a callback in the past cannot be kept");
  }
  if (plan.kind == CallbackKind::kUnspecified || static_cast<int>(plan.kind) > 3) {
    v.Add(f + ".kind", "unknown callback kind");
  }
  switch (plan.ownership) {
    case CallbackOwnership::kAgentOnly:
    case CallbackOwnership::kAgentPreferred:
      if (plan.owner_agent_id.empty()) {
        v.Add(f + ".owner_agent_id", "required: the agent who owns the callback");
      }
      break;
    case CallbackOwnership::kAnyone:
      if (!plan.owner_agent_id.empty()) {
        v.Add(f + ".owner_agent_id", "must be empty when anyone may take the callback");
      }
      break;
    default:
      v.Add(f + ".ownership", "unknown callback ownership");
  }
}

absl::Status CheckInsideCallingWindows(TimePoint time,
                                       const std::vector<calendar::CallingCalendar>& calendars,
                                       const std::optional<absl::TimeZone>& zone) {
  std::optional<TimePoint> open =
      zone ? calendar::NextCallableTime(calendars, *zone, time) : std::nullopt;
  if (open == time) return absl::OkStatus();
  std::string when = "no calling window opens for this customer";
  if (open) {
    when = absl::StrCat("the next calling window opens at ",
                        absl::FormatTime(absl::FromChrono(*open), *zone));
  }
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "the callback time is outside the campaign's calling windows in the"
                        " customer's local time (R10, R20); ",
                        when)),
                    "OUTSIDE_CALLING_WINDOW");
}

absl::StatusOr<LeadFacts> AwaitCallback(LeadFacts lead, const CallbackPlan& plan) {
  if (lead.state == LeadState::kOrdered || lead.state == LeadState::kStopped) {
    return WithReason(absl::FailedPreconditionError(
                          absl::StrCat("lead ", lead.lead_id, " is closed; reopen it first")),
                      "LEAD_CLOSED");
  }
  if (lead.state == LeadState::kInProgress) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "lead ", lead.lead_id, " is on a call: schedule it at wrap-up")),
                      "LEAD_IN_PROGRESS");
  }
  lead.state = LeadState::kCallback;
  lead.next_attempt_time = plan.callback_time;
  lead.callback_owner_agent_id = plan.owner_agent_id;
  lead.callback_ownership = plan.ownership;
  return lead;
}

LeadFacts DropCallback(LeadFacts lead, TimePoint now) {
  if (lead.state != LeadState::kCallback) return lead;
  lead.state = lead.attempts == 0 ? LeadState::kNew : LeadState::kScheduled;
  lead.next_attempt_time = now;
  lead.callback_owner_agent_id.clear();
  lead.callback_ownership = CallbackOwnership::kUnspecified;
  return lead;
}

}  // namespace tmk::dialing
