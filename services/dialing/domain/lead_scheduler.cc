#include "services/dialing/domain/lead_scheduler.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

using campaigns::CallOutcome;
using campaigns::IntentionClass;
using campaigns::SchedulingEffect;

// FNV-1a: stable across builds and platforms, unlike std::hash, so a replay picks the same time.
uint64_t StableHash(const std::string& text, int salt) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](unsigned char byte) {
    h ^= byte;
    h *= 1099511628211ull;
  };
  for (char c : text) mix(static_cast<unsigned char>(c));
  for (int i = 0; i < 4; ++i) mix(static_cast<unsigned char>(salt >> (8 * i)));
  return h;
}

// A point in [interval, interval_max], the same for the same lead and attempt (R12: "about every
// 2 days" spreads the follow-ups instead of bunching them at one hour).
std::chrono::milliseconds CadenceGap(const campaigns::CadenceRule& rule, const LeadFacts& lead) {
  const auto span = rule.interval_max - rule.interval;
  if (span.count() <= 0) return rule.interval;
  const uint64_t pick = StableHash(lead.lead_id, lead.attempts) %
                        (static_cast<uint64_t>(span.count()) + 1);
  return rule.interval + std::chrono::milliseconds(static_cast<int64_t>(pick));
}

const campaigns::RetryRule* FindRetryRule(const campaigns::ContactStrategy& s, CallOutcome o) {
  for (const campaigns::RetryRule& r : s.retry_rules) {
    if (r.outcome == o) return &r;
  }
  return nullptr;
}

const campaigns::CadenceRule* FindCadenceRule(const campaigns::ContactStrategy& s,
                                              IntentionClass c) {
  for (const campaigns::CadenceRule& r : s.cadence_rules) {
    if (r.intention_class == c) return &r;
  }
  return nullptr;
}

bool IsDialableOf(const LeadFacts& lead, const std::string& contact_point_id) {
  return std::any_of(lead.contact_points.begin(), lead.contact_points.end(),
                     [&](const LeadContactPoint& p) {
                       return p.contact_point_id == contact_point_id && IsDialable(p.status);
                     });
}

void Stop(LeadFacts& lead, LeadStopReason reason) {
  lead.state = LeadState::kStopped;
  lead.stop_reason = reason;
  lead.next_attempt_time.reset();
}

void Schedule(LeadFacts& lead, TimePoint at) {
  lead.state = LeadState::kScheduled;
  lead.next_attempt_time = at;
}

void CheckWrapUp(const LeadFacts& lead, const campaigns::Disposition& d,
                 const campaigns::CadenceRule* cadence, const WrapUp& w, TimePoint now,
                 Violations& v) {
  if (d.effect < SchedulingEffect::kRetry || d.effect > SchedulingEffect::kNextContactPoint) {
    v.Add("disposition", absl::StrCat("disposition ", d.code, " has no known scheduling effect"));
  }
  if (d.requires_order && !w.order_present) {
    v.Add("order", absl::StrCat("disposition ", d.code, " closes with an order (R13): give it"));
  }
  const bool needs_feedback = d.requires_feedback ||
                              (d.effect == SchedulingEffect::kCadence && cadence != nullptr &&
                               cadence->collect_feedback);
  if (needs_feedback && !w.feedback_present) {
    v.Add("feedback", absl::StrCat("disposition ", d.code,
                                   " needs the customer's reasons and product feedback (R12)"));
  }
  if (d.effect != SchedulingEffect::kCallback) {
    if (w.callback) v.Add("callback", absl::StrCat("disposition ", d.code, " is not a callback"));
    return;
  }
  if (!w.callback) {
    v.Add("callback", "a callback disposition needs the time the customer asked for");
    return;
  }
  if (w.callback->callback_time <= now) {
    v.Add("callback.callback_time", "must be in the future");
  }
  if (!w.callback->contact_point_id.empty() && !IsDialableOf(lead, w.callback->contact_point_id)) {
    v.Add("callback.contact_point_id",
          absl::StrCat("'", w.callback->contact_point_id,
                       "' is not a dialable contact point of the customer"));
  }
}

// R2: the dialed number is marked in the lead and in contacts; the lead moves to the next
// dialable one, or has none left.
bool MarkDialedAndMoveOn(LeadFacts& lead, CallOutcome outcome, std::vector<LeadAction>& actions) {
  const ContactPointStatus status = outcome == CallOutcome::kWrongParty
                                        ? ContactPointStatus::kWrongParty
                                        : ContactPointStatus::kInvalidNumber;
  for (LeadContactPoint& p : lead.contact_points) {
    if (p.contact_point_id == lead.contact_point_id) p.status = status;
  }
  actions.push_back(MarkContactPoint{lead.contact_point_id, status});
  for (const LeadContactPoint& p : lead.contact_points) {
    if (IsDialable(p.status)) {
      lead.contact_point_id = p.contact_point_id;
      return true;
    }
  }
  return false;
}

}  // namespace

LeadScheduler::LeadScheduler(campaigns::ContactStrategy strategy)
    : strategy_(campaigns::WithDefaults(std::move(strategy))) {}

absl::StatusOr<LeadFacts> LeadScheduler::BeginAttempt(LeadFacts lead, TimePoint now) const {
  if (lead.state == LeadState::kInProgress || lead.state == LeadState::kOrdered ||
      lead.state == LeadState::kStopped) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "lead ", lead.lead_id, " is closed or already has a call in progress")),
                      "LEAD_NOT_DIALABLE");
  }
  lead.state = LeadState::kInProgress;
  ++lead.attempts;
  lead.last_attempt_time = now;
  return lead;
}

absl::StatusOr<LeadDecision> LeadScheduler::ApplyDisposition(
    const LeadFacts& before, const campaigns::Disposition& d, const WrapUp& w,
    TimePoint now) const {
  if (before.state != LeadState::kInProgress) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "lead ", before.lead_id, " has no call to wrap up (already wrapped up?)")),
        "LEAD_NOT_IN_PROGRESS");
  }
  LeadDecision decision{before, {}};
  LeadFacts& lead = decision.lead;
  std::vector<LeadAction>& actions = decision.actions;

  // Counters first: the rules below read the lead as this call leaves it.
  lead.last_outcome = d.outcome;
  ++lead.attempts_by_outcome[d.outcome];
  if (d.stage != campaigns::SaleStage::kUnspecified) {
    lead.stage = d.stage;
  }
  if (campaigns::IsConversation(d.outcome)) {
    ++lead.contacts;
    const IntentionClass reached = d.intention_class != IntentionClass::kUnspecified
                                       ? d.intention_class
                                       : lead.intention_class;
    // R12: the cadence counts contacts since the customer entered the current class.
    lead.contacts_in_class = reached == lead.intention_class ? lead.contacts_in_class + 1 : 1;
    lead.intention_class = reached;
  }
  const campaigns::CadenceRule* cadence = FindCadenceRule(strategy_, lead.intention_class);

  Violations violations;
  CheckWrapUp(before, d, cadence, w, now, violations);
  if (!violations.empty()) return violations.ToStatus("invalid wrap-up");
  if (d.effect == SchedulingEffect::kCadence && cadence == nullptr) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "the campaign has no cadence rule for intention class ",
                          campaigns::Name(lead.intention_class))),
                      "NO_CADENCE_RULE");
  }

  // Anything but a new callback or order ends a pending callback's ownership.
  lead.callback_owner_agent_id.clear();
  lead.callback_ownership = CallbackOwnership::kUnspecified;
  bool has_next_contact_point = true;
  if (campaigns::IsScreeningFailure(d.outcome)) {
    has_next_contact_point = MarkDialedAndMoveOn(lead, d.outcome, actions);
  }

  switch (d.effect) {
    case SchedulingEffect::kRetry: {
      const campaigns::RetryRule* rule = FindRetryRule(strategy_, d.outcome);
      if (rule == nullptr || lead.attempts_by_outcome[d.outcome] >= rule->max_attempts) {
        Stop(lead, LeadStopReason::kMaxAttempts);
      } else {
        Schedule(lead, now + rule->retry_after);
      }
      break;
    }
    case SchedulingEffect::kCadence:
      if (cadence->stop_calling) {
        Stop(lead, LeadStopReason::kDefinitelyNot);
      } else if (cadence->max_contacts_in_class > 0 &&
                 lead.contacts_in_class >= cadence->max_contacts_in_class) {
        Stop(lead, LeadStopReason::kMaxContacts);
      } else {
        Schedule(lead, now + CadenceGap(*cadence, lead));
      }
      break;
    case SchedulingEffect::kCallback: {
      const CallbackRequest& request = *w.callback;
      const CallbackOwnership ownership = request.ownership == CallbackOwnership::kUnspecified
                                              ? CallbackOwnership::kAgentPreferred
                                              : request.ownership;
      lead.state = LeadState::kCallback;
      lead.next_attempt_time = request.callback_time;
      lead.callback_ownership = ownership;
      if (ownership != CallbackOwnership::kAnyone) lead.callback_owner_agent_id = w.agent_id;
      if (!request.contact_point_id.empty()) lead.contact_point_id = request.contact_point_id;
      actions.push_back(ScheduleCallback{CallbackKind::kCustomerRequested, request.callback_time,
                                         lead.callback_owner_agent_id, ownership,
                                         lead.contact_point_id});
      break;
    }
    case SchedulingEffect::kStop:
      Stop(lead, LeadStopReason::kDisposition);
      break;
    case SchedulingEffect::kOrder: {
      // R13: a direct way back to the same agent, and a check call e.g. two days later.
      const TimePoint check = now + strategy_.after_sale_check_delay;
      lead.state = LeadState::kOrdered;
      lead.next_attempt_time.reset();
      actions.push_back(ScheduleCallback{CallbackKind::kAfterSaleCheck, check, w.agent_id,
                                         CallbackOwnership::kAgentPreferred,
                                         lead.contact_point_id});
      break;
    }
    case SchedulingEffect::kDoNotCall:
      Stop(lead, LeadStopReason::kDoNotCall);
      actions.push_back(RequestDoNotCall{});
      break;
    case SchedulingEffect::kNextContactPoint:
      if (has_next_contact_point) {
        Schedule(lead, now);
      } else {
        Stop(lead, LeadStopReason::kNoValidContactPoint);
      }
      break;
    case SchedulingEffect::kUnspecified:
      break;  // refused by CheckWrapUp
  }
  // A screening failure under another effect still leaves no number to call.
  if (!has_next_contact_point && lead.state != LeadState::kStopped) {
    Stop(lead, LeadStopReason::kNoValidContactPoint);
  }
  if (lead.state == LeadState::kScheduled && lead.attempts >= strategy_.max_attempts) {
    Stop(lead, LeadStopReason::kMaxAttempts);
  }
  if (w.feedback_present) actions.push_back(ForwardFeedback{});
  return decision;
}

}  // namespace tmk::dialing
