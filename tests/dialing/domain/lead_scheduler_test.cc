// Wrap-up rules (R2, R11-R13, R17, R20): each scheduling effect moves the lead as the campaign's
// contact strategy says, refuses incomplete wrap-ups with field violations, and replays the same.
#include "services/dialing/domain/lead_scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

using campaigns::CallOutcome;
using campaigns::Disposition;
using campaigns::IntentionClass;
using campaigns::SchedulingEffect;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::VariantWith;

const TimePoint kNow = TimePoint() + hours(24 * 20600);

Disposition Code(CallOutcome outcome, SchedulingEffect effect,
                 IntentionClass cls = IntentionClass::kUnspecified) {
  Disposition d;
  d.code = "X";
  d.outcome = outcome;
  d.effect = effect;
  d.intention_class = cls;
  return d;
}

LeadFacts NewLead() {
  LeadFacts lead;
  lead.lead_id = "lead-1";
  lead.contact_points = {{"cp-mobile", ContactPointStatus::kValid},
                         {"cp-office", ContactPointStatus::kUnverified},
                         {"cp-old", ContactPointStatus::kDisconnected}};
  lead.contact_point_id = "cp-mobile";
  return lead;
}

// Dials and wraps up once, as the dialer does.
LeadDecision Call(const LeadScheduler& s, const LeadFacts& lead, const Disposition& d,
                  const WrapUp& w = {}, TimePoint now = kNow) {
  absl::StatusOr<LeadFacts> dialing = s.BeginAttempt(lead, now);
  EXPECT_TRUE(dialing.ok()) << dialing.status();
  absl::StatusOr<LeadDecision> decision = s.ApplyDisposition(*dialing, d, w, now);
  EXPECT_TRUE(decision.ok()) << decision.status();
  return decision.ok() ? *decision : LeadDecision{};
}

std::vector<std::string> ViolationFields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

TEST(LeadSchedulerTest, BusyIsRetriedAfterFifteenMinutesUntilTheThirdBusy) {
  LeadScheduler s({});
  const Disposition busy = Code(CallOutcome::kBusy, SchedulingEffect::kRetry);
  LeadFacts lead = NewLead();
  for (int i = 1; i <= 2; ++i) {
    lead = Call(s, lead, busy).lead;
    EXPECT_EQ(lead.state, LeadState::kScheduled) << i;
    EXPECT_EQ(lead.next_attempt_time, kNow + minutes(15)) << i;
    EXPECT_EQ(lead.attempts_by_outcome[CallOutcome::kBusy], i);
  }
  lead = Call(s, lead, busy).lead;
  EXPECT_EQ(lead.state, LeadState::kStopped);
  EXPECT_EQ(lead.stop_reason, LeadStopReason::kMaxAttempts);
  EXPECT_EQ(lead.attempts, 3);
  EXPECT_EQ(lead.next_attempt_time, std::nullopt);
}

TEST(LeadSchedulerTest, TheCampaignsTotalAttemptCapStopsAnyReschedule) {
  campaigns::ContactStrategy strategy;
  strategy.max_attempts = 2;
  LeadScheduler s(strategy);
  LeadFacts lead = Call(s, NewLead(), Code(CallOutcome::kNoAnswer, SchedulingEffect::kRetry)).lead;
  EXPECT_EQ(lead.state, LeadState::kScheduled);
  lead = Call(s, lead, Code(CallOutcome::kBusy, SchedulingEffect::kRetry)).lead;
  EXPECT_EQ(lead.state, LeadState::kStopped);
  EXPECT_EQ(lead.stop_reason, LeadStopReason::kMaxAttempts);
}

TEST(LeadSchedulerTest, InterestedIsFollowedUpWithinTheCadenceRangeAndTheSameOnReplay) {
  campaigns::ContactStrategy strategy;
  strategy.cadence_rules = {{IntentionClass::kInterested, hours(48), hours(60), 3, 5, 0, false,
                             false}};
  LeadScheduler s(strategy);
  const Disposition interested =
      Code(CallOutcome::kReached, SchedulingEffect::kCadence, IntentionClass::kInterested);
  const LeadDecision first = Call(s, NewLead(), interested);
  ASSERT_TRUE(first.lead.next_attempt_time);
  EXPECT_GE(*first.lead.next_attempt_time, kNow + hours(48));
  EXPECT_LE(*first.lead.next_attempt_time, kNow + hours(60));
  EXPECT_EQ(Call(s, NewLead(), interested).lead.next_attempt_time, first.lead.next_attempt_time);
  // Other leads spread over the range instead of all landing on one time.
  std::set<TimePoint> times;
  for (int i = 0; i < 20; ++i) {
    LeadFacts other = NewLead();
    other.lead_id = "lead-" + std::to_string(100 + i);
    times.insert(*Call(s, other, interested).lead.next_attempt_time);
  }
  EXPECT_GT(times.size(), 15u);
  EXPECT_EQ(first.lead.intention_class, IntentionClass::kInterested);
  EXPECT_EQ(first.lead.contacts, 1);
  EXPECT_EQ(first.lead.contacts_in_class, 1);
}

TEST(LeadSchedulerTest, AClassChangeRestartsTheContactsInClass) {
  LeadScheduler s({});
  const Disposition considering =
      Code(CallOutcome::kReached, SchedulingEffect::kCadence, IntentionClass::kConsidering);
  LeadFacts lead = Call(s, NewLead(), considering).lead;
  lead = Call(s, lead, considering).lead;
  EXPECT_EQ(lead.contacts_in_class, 2);
  lead = Call(s, lead, Code(CallOutcome::kReached, SchedulingEffect::kCadence,
                            IntentionClass::kInterested)).lead;
  EXPECT_EQ(lead.contacts, 3);
  EXPECT_EQ(lead.contacts_in_class, 1);
  EXPECT_EQ(lead.next_attempt_time, kNow + hours(48));  // the R12 default for INTERESTED
}

TEST(LeadSchedulerTest, MaxContactsInClassStopsTheLead) {
  campaigns::ContactStrategy strategy;
  strategy.cadence_rules = {{IntentionClass::kNotNow, hours(24 * 14), hours(24 * 21), 0, 0, 2,
                             false, false}};
  LeadScheduler s(strategy);
  const Disposition not_now =
      Code(CallOutcome::kReached, SchedulingEffect::kCadence, IntentionClass::kNotNow);
  LeadFacts lead = Call(s, NewLead(), not_now).lead;
  EXPECT_EQ(lead.state, LeadState::kScheduled);
  lead = Call(s, lead, not_now).lead;
  EXPECT_EQ(lead.state, LeadState::kStopped);
  EXPECT_EQ(lead.stop_reason, LeadStopReason::kMaxContacts);
}

TEST(LeadSchedulerTest, DefinitelyNotStopsAndNeedsFeedback) {
  LeadScheduler s({});
  const Disposition no = Code(CallOutcome::kReached, SchedulingEffect::kCadence,
                              IntentionClass::kDefinitelyNot);
  LeadFacts dialing = *s.BeginAttempt(NewLead(), kNow);
  absl::StatusOr<LeadDecision> refused = s.ApplyDisposition(dialing, no, {}, kNow);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolationFields(refused.status()), ElementsAre("feedback"));

  WrapUp with_feedback;
  with_feedback.feedback_present = true;
  absl::StatusOr<LeadDecision> stopped = s.ApplyDisposition(dialing, no, with_feedback, kNow);
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  EXPECT_EQ(stopped->lead.state, LeadState::kStopped);
  EXPECT_EQ(stopped->lead.stop_reason, LeadStopReason::kDefinitelyNot);
  EXPECT_THAT(stopped->actions, ElementsAre(VariantWith<ForwardFeedback>(::testing::_)));
}

TEST(LeadSchedulerTest, CallbackAtTheCustomersTimeOwnedByTheAgent) {
  LeadScheduler s({});
  const Disposition callback =
      Code(CallOutcome::kCallbackRequested, SchedulingEffect::kCallback);
  WrapUp w;
  w.agent_id = "agent-7";
  w.callback = CallbackRequest{kNow + hours(26), CallbackOwnership::kAgentOnly, "cp-office"};
  const LeadDecision d = Call(s, NewLead(), callback, w);
  EXPECT_EQ(d.lead.state, LeadState::kCallback);
  EXPECT_EQ(d.lead.next_attempt_time, kNow + hours(26));
  EXPECT_EQ(d.lead.callback_owner_agent_id, "agent-7");
  EXPECT_EQ(d.lead.callback_ownership, CallbackOwnership::kAgentOnly);
  EXPECT_EQ(d.lead.contact_point_id, "cp-office");
  ASSERT_EQ(d.actions.size(), 1u);
  const auto& scheduled = std::get<ScheduleCallback>(d.actions[0]);
  EXPECT_EQ(scheduled.kind, CallbackKind::kCustomerRequested);
  EXPECT_EQ(scheduled.owner_agent_id, "agent-7");

  w.callback->ownership = CallbackOwnership::kAnyone;
  EXPECT_EQ(Call(s, NewLead(), callback, w).lead.callback_owner_agent_id, "");
}

TEST(LeadSchedulerTest, RefusesACallbackInThePastOrOnABadNumber) {
  LeadScheduler s({});
  const Disposition callback =
      Code(CallOutcome::kCallbackRequested, SchedulingEffect::kCallback);
  const LeadFacts dialing = *s.BeginAttempt(NewLead(), kNow);
  WrapUp w;
  w.callback = CallbackRequest{kNow - minutes(1), CallbackOwnership::kAnyone, "cp-old"};
  absl::StatusOr<LeadDecision> refused = s.ApplyDisposition(dialing, callback, w, kNow);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolationFields(refused.status()),
              ElementsAre("callback.callback_time", "callback.contact_point_id"));
  EXPECT_THAT(ViolationFields(s.ApplyDisposition(dialing, callback, {}, kNow).status()),
              ElementsAre("callback"));
  // A callback time with a disposition that is no callback is not silently dropped.
  w.callback->callback_time = kNow + hours(1);
  EXPECT_THAT(ViolationFields(s.ApplyDisposition(
                  dialing, Code(CallOutcome::kBusy, SchedulingEffect::kRetry), w, kNow)
                                  .status()),
              ElementsAre("callback"));
}

TEST(LeadSchedulerTest, NextContactPointMovesToTheNextDialableNumberThenStops) {
  LeadScheduler s({});
  const Disposition wrong =
      Code(CallOutcome::kWrongParty, SchedulingEffect::kNextContactPoint);
  const LeadDecision first = Call(s, NewLead(), wrong);
  EXPECT_EQ(first.lead.state, LeadState::kScheduled);
  EXPECT_EQ(first.lead.next_attempt_time, kNow);
  EXPECT_EQ(first.lead.contact_point_id, "cp-office");
  EXPECT_EQ(first.lead.contact_points[0].status, ContactPointStatus::kWrongParty);
  ASSERT_EQ(first.actions.size(), 1u);
  EXPECT_EQ(std::get<MarkContactPoint>(first.actions[0]).contact_point_id, "cp-mobile");
  EXPECT_EQ(std::get<MarkContactPoint>(first.actions[0]).status, ContactPointStatus::kWrongParty);

  const LeadDecision second = Call(
      s, first.lead, Code(CallOutcome::kInvalidNumber, SchedulingEffect::kNextContactPoint));
  EXPECT_EQ(second.lead.state, LeadState::kStopped);
  EXPECT_EQ(second.lead.stop_reason, LeadStopReason::kNoValidContactPoint);
  EXPECT_EQ(std::get<MarkContactPoint>(second.actions[0]).status,
            ContactPointStatus::kInvalidNumber);
}

TEST(LeadSchedulerTest, AnOrderClosesTheLeadAndSchedulesTheAfterSaleCheck) {
  LeadScheduler s({});
  Disposition order = Code(CallOutcome::kReached, SchedulingEffect::kOrder,
                           IntentionClass::kBuyNow);
  order.requires_order = true;
  order.stage = campaigns::SaleStage::kOrder;
  const LeadFacts dialing = *s.BeginAttempt(NewLead(), kNow);
  EXPECT_THAT(ViolationFields(s.ApplyDisposition(dialing, order, {}, kNow).status()),
              ElementsAre("order"));
  WrapUp w;
  w.agent_id = "agent-7";
  w.order_present = true;
  absl::StatusOr<LeadDecision> d = s.ApplyDisposition(dialing, order, w, kNow);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->lead.state, LeadState::kOrdered);
  EXPECT_EQ(d->lead.stage, campaigns::SaleStage::kOrder);
  ASSERT_EQ(d->actions.size(), 1u);
  const auto& check = std::get<ScheduleCallback>(d->actions[0]);
  EXPECT_EQ(check.kind, CallbackKind::kAfterSaleCheck);
  EXPECT_EQ(check.callback_time, kNow + hours(48));
  EXPECT_EQ(check.owner_agent_id, "agent-7");
  EXPECT_EQ(check.ownership, CallbackOwnership::kAgentPreferred);
}

TEST(LeadSchedulerTest, DoNotCallStopsAndAsksContactsToRecordIt) {
  LeadScheduler s({});
  const LeadDecision d =
      Call(s, NewLead(), Code(CallOutcome::kDoNotCallRequested, SchedulingEffect::kDoNotCall));
  EXPECT_EQ(d.lead.state, LeadState::kStopped);
  EXPECT_EQ(d.lead.stop_reason, LeadStopReason::kDoNotCall);
  EXPECT_THAT(d.actions, ElementsAre(VariantWith<RequestDoNotCall>(::testing::_)));
}

TEST(LeadSchedulerTest, AStopDispositionStops) {
  LeadScheduler s({});
  const LeadDecision d = Call(s, NewLead(), Code(CallOutcome::kReached, SchedulingEffect::kStop));
  EXPECT_EQ(d.lead.stop_reason, LeadStopReason::kDisposition);
  EXPECT_THAT(d.actions, IsEmpty());
}

TEST(LeadSchedulerTest, RefusesASecondWrapUpAndDialingAClosedLead) {
  LeadScheduler s({});
  const LeadDecision d = Call(s, NewLead(), Code(CallOutcome::kBusy, SchedulingEffect::kRetry));
  absl::StatusOr<LeadDecision> again =
      s.ApplyDisposition(d.lead, Code(CallOutcome::kBusy, SchedulingEffect::kRetry), {}, kNow);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(again.status()), "LEAD_NOT_IN_PROGRESS");
  LeadFacts stopped = d.lead;
  stopped.state = LeadState::kStopped;
  EXPECT_EQ(ReasonOf(s.BeginAttempt(stopped, kNow).status()), "LEAD_NOT_DIALABLE");
}

}  // namespace
}  // namespace tmk::dialing
