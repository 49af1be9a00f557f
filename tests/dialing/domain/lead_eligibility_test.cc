// Hopper eligibility (R2, R6, R10, R17, R20): a lead is dialed only when every rule allows it, and
// each blocked lead carries every reason with the time it lifts.
#include "services/dialing/domain/lead_eligibility.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/campaigns/domain/contact_policy.h"
#include "services/common/calendar/local_date_time.h"

namespace tmk::dialing {
namespace {

using campaigns::CustomerKind;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

// Local wall-clock time in Shanghai.
TimePoint At(int y, int mo, int d, int h, int mi) {
  return calendar::FromLocalDateTime({{y, mo, d}, {h, mi}, 0}, Shanghai());
}

// A B2B customer of a campaign with the R10 default windows, under the default region policy.
EligibilityContext B2bContext(TimePoint now) {
  campaigns::CampaignCallingWindows windows;
  windows.windows = campaigns::DefaultCustomerWindows();
  windows.fallback_time_zone = "Asia/Shanghai";
  EligibilityContext c;
  c.now = now;
  c.calendars = campaigns::CallingCalendarsFor(windows, campaigns::DefaultContactPolicy(),
                                               CustomerKind::kB2b);
  c.zone = Shanghai();
  return c;
}

LeadFacts Lead() {
  LeadFacts lead;
  lead.lead_id = "lead-1";
  lead.state = LeadState::kNew;
  return lead;
}

std::vector<HopperBlockReason> Reasons(const Eligibility& e) {
  std::vector<HopperBlockReason> out;
  for (const Blocked& b : e.blocked) out.push_back(b.reason);
  return out;
}

TEST(LeadEligibilityTest, ANewLeadInsideTheWindowIsDialableNow) {
  const TimePoint monday_1000 = At(2026, 6, 8, 10, 0);
  const Eligibility e = EvaluateEligibility(Lead(), B2bContext(monday_1000));
  EXPECT_TRUE(e.eligible());
  EXPECT_EQ(e.next_callable_time, monday_1000);
}

TEST(LeadEligibilityTest, ASaturdayB2bCustomerWaitsForMondayNineInTheirZone) {
  const Eligibility e = EvaluateEligibility(Lead(), B2bContext(At(2026, 6, 6, 9, 30)));
  EXPECT_THAT(Reasons(e), ElementsAre(HopperBlockReason::kOutsideCallingWindow));
  EXPECT_EQ(e.blocked[0].until, At(2026, 6, 8, 9, 0));
  EXPECT_EQ(e.next_callable_time, At(2026, 6, 8, 9, 0));
}

TEST(LeadEligibilityTest, ARegionHolidayIsNamed) {
  EligibilityContext c = B2bContext(At(2026, 10, 1, 10, 0));
  c.calendars[0].holidays = {{{2026, 10, 1}, "National Day", {}}};
  EXPECT_THAT(Reasons(EvaluateEligibility(Lead(), c)), ElementsAre(HopperBlockReason::kHoliday));
}

TEST(LeadEligibilityTest, NoTimeZoneMeansNoCall) {
  EligibilityContext c = B2bContext(At(2026, 6, 8, 10, 0));
  c.zone.reset();
  const Eligibility e = EvaluateEligibility(Lead(), c);
  EXPECT_THAT(Reasons(e), ElementsAre(HopperBlockReason::kOutsideCallingWindow));
  EXPECT_EQ(e.next_callable_time, std::nullopt);
}

TEST(LeadEligibilityTest, AbandonedSeventyOneHoursAgoNeedsAReservedAgent) {
  const TimePoint now = At(2026, 6, 8, 10, 0);
  EligibilityContext c = B2bContext(now);
  c.counts.last_abandoned_time = now - hours(71);
  Eligibility e = EvaluateEligibility(Lead(), c);
  EXPECT_THAT(Reasons(e), ElementsAre(HopperBlockReason::kAbandonRecallBlock));
  EXPECT_EQ(e.blocked[0].until, now + hours(1));
  EXPECT_EQ(e.next_callable_time, now + hours(1));
  c.agent_reserved = true;
  EXPECT_TRUE(EvaluateEligibility(Lead(), c).eligible());
  c.agent_reserved = false;
  c.counts.last_abandoned_time = now - hours(72);
  EXPECT_TRUE(EvaluateEligibility(Lead(), c).eligible());
}

TEST(LeadEligibilityTest, NotDueSaysWhichScheduleAndListsEveryReason) {
  const TimePoint now = At(2026, 6, 8, 11, 50);
  EligibilityContext c = B2bContext(now);
  c.customer = {false, HopperBlockReason::kDoNotCall};
  LeadFacts lead = Lead();
  lead.state = LeadState::kScheduled;
  lead.last_outcome = campaigns::CallOutcome::kBusy;
  lead.next_attempt_time = now + minutes(15);
  const Eligibility e = EvaluateEligibility(lead, c);
  EXPECT_THAT(Reasons(e), ElementsAre(HopperBlockReason::kDoNotCall,
                                      HopperBlockReason::kRetryNotDue));
  EXPECT_EQ(e.next_callable_time, std::nullopt);  // do-not-call has no end

  c.customer = {};
  const Eligibility retry = EvaluateEligibility(lead, c);
  EXPECT_THAT(Reasons(retry), ElementsAre(HopperBlockReason::kRetryNotDue));
  // 12:05 is the lunch break of the B2B window: the next call is at 14:00.
  EXPECT_EQ(retry.next_callable_time, At(2026, 6, 8, 14, 0));
  lead.last_outcome = campaigns::CallOutcome::kReached;
  EXPECT_THAT(Reasons(EvaluateEligibility(lead, c)),
              ElementsAre(HopperBlockReason::kCadenceNotDue));
}

TEST(LeadEligibilityTest, ClosedAndInProgressLeadsAreNotDialed) {
  LeadFacts lead = Lead();
  for (LeadState state : {LeadState::kOrdered, LeadState::kStopped}) {
    lead.state = state;
    EXPECT_THAT(Reasons(EvaluateEligibility(lead, B2bContext(At(2026, 6, 8, 10, 0)))),
                ElementsAre(HopperBlockReason::kLeadClosed));
  }
  lead.state = LeadState::kInProgress;
  EXPECT_THAT(Reasons(EvaluateEligibility(lead, B2bContext(At(2026, 6, 8, 10, 0)))),
              ElementsAre(HopperBlockReason::kInProgress));
}

TEST(LeadEligibilityTest, CallbacksGoToTheirOwner) {
  const TimePoint due = At(2026, 6, 8, 10, 0);
  LeadFacts lead = Lead();
  lead.state = LeadState::kCallback;
  lead.next_attempt_time = due;
  lead.callback_owner_agent_id = "agent-7";
  lead.callback_ownership = CallbackOwnership::kAgentOnly;
  EligibilityContext c = B2bContext(due);
  Eligibility absent = EvaluateEligibility(lead, c);
  EXPECT_THAT(Reasons(absent), ElementsAre(HopperBlockReason::kCallbackOwnerAbsent));
  c.callback_owner_ready = true;
  Eligibility ready = EvaluateEligibility(lead, c);
  EXPECT_TRUE(ready.eligible());
  EXPECT_TRUE(ready.callback_due);
  EXPECT_EQ(ready.reserved_agent_id, "agent-7");

  // AGENT_PREFERRED: the owner until the grace has passed, then anyone.
  lead.callback_ownership = CallbackOwnership::kAgentPreferred;
  c.callback_owner_ready = false;
  c.callback_grace = hours(1);
  Eligibility waiting = EvaluateEligibility(lead, c);
  EXPECT_THAT(Reasons(waiting), ElementsAre(HopperBlockReason::kCallbackOwnerAbsent));
  EXPECT_EQ(waiting.blocked[0].until, due + hours(1));
  c.now = due + hours(1);
  Eligibility anyone = EvaluateEligibility(lead, c);
  EXPECT_TRUE(anyone.eligible());
  EXPECT_EQ(anyone.reserved_agent_id, "");

  c.now = due - minutes(1);
  EXPECT_THAT(Reasons(EvaluateEligibility(lead, c)),
              ElementsAre(HopperBlockReason::kCallbackNotDue,
                          HopperBlockReason::kCallbackOwnerAbsent));
}

TEST(LeadEligibilityTest, FrequencyCapsAcrossCampaigns) {
  const TimePoint now = At(2026, 6, 8, 10, 0);
  EligibilityContext c = B2bContext(now);
  c.frequency_cap.max_calls_per_day = 2;
  c.frequency_cap.max_contacts_per_30_days = 4;
  c.frequency_cap.min_gap = hours(4);
  c.counts.calls_last_day = 1;
  c.counts.contacts_last_30_days = 3;
  EXPECT_TRUE(EvaluateEligibility(Lead(), c).eligible());
  c.counts.calls_last_day = 2;
  EXPECT_THAT(Reasons(EvaluateEligibility(Lead(), c)),
              ElementsAre(HopperBlockReason::kFrequencyCap));
  c.counts.calls_last_day = 1;
  c.counts.contacts_last_30_days = 4;
  EXPECT_FALSE(EvaluateEligibility(Lead(), c).eligible());
  c.counts.contacts_last_30_days = 0;
  c.counts.last_call_time = now - hours(1);
  Eligibility gap = EvaluateEligibility(Lead(), c);
  EXPECT_THAT(gap.blocked, ElementsAre(Field(&Blocked::until, now + hours(3))));
  EXPECT_EQ(gap.next_callable_time, At(2026, 6, 8, 14, 0));
}

}  // namespace
}  // namespace tmk::dialing
