// Callbacks at the customer's requested time (R10, R17, R20): never in the past, owned by an
// agent or open to anyone, inside the campaign's windows in the customer's local time, and the
// lead waits for them; a cancelled callback puts the lead back into the schedule.
#include "services/dialing/domain/callback_plan.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"
#include "services/common/calendar/weekly_window.h"

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

absl::TimeZone Utc() { return absl::UTCTimeZone(); }

TimePoint At(int y, int m, int d, int hh, int mm = 0) {
  return absl::ToChronoTime(absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), Utc()));
}

// 2026-11-25 is a Wednesday.
const TimePoint kNow = At(2026, 11, 25, 10);

std::vector<calendar::CallingCalendar> NineToFive() {
  calendar::CallingCalendar c;
  c.weekly.push_back({{calendar::kWeek.begin(), calendar::kWeek.end()},
                      {{calendar::LocalTime{9, 0}, calendar::LocalTime{17, 0}}}});
  return {c};
}

std::vector<std::string> Fields(const Violations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

TEST(CallbackPlanTest, AValidPlanHasNoViolations) {
  Violations v;
  CheckCallbackPlan({CallbackKind::kCustomerRequested, kNow + hours(1),
                     CallbackOwnership::kAgentOnly, "agent-1"},
                    kNow, "callback", v);
  EXPECT_TRUE(v.empty());
  CheckCallbackPlan({CallbackKind::kScheduled, kNow + hours(1), CallbackOwnership::kAnyone, ""},
                    kNow, "callback", v);
  EXPECT_TRUE(v.empty());
}

TEST(CallbackPlanTest, ACallbackInThePastOrWithoutItsOwnerIsRefused) {
  Violations v;
  CheckCallbackPlan({CallbackKind::kCustomerRequested, kNow - minutes(1),
                     CallbackOwnership::kAgentPreferred, ""},
                    kNow, "callback", v);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"callback.callback_time",
                                                 "callback.owner_agent_id"}));
  Violations anyone;
  CheckCallbackPlan({CallbackKind::kUnspecified, kNow + hours(1), CallbackOwnership::kAnyone,
                     "agent-1"},
                    kNow, "callback", anyone);
  EXPECT_EQ(Fields(anyone), (std::vector<std::string>{"callback.kind", "callback.owner_agent_id"}));
}

TEST(CallbackPlanTest, OutsideTheWindowsIsAFailedPreconditionNamingTheNextOpening) {
  EXPECT_TRUE(CheckInsideCallingWindows(At(2026, 11, 25, 12), NineToFive(), Utc()).ok());
  absl::Status late = CheckInsideCallingWindows(At(2026, 11, 25, 22), NineToFive(), Utc());
  EXPECT_EQ(late.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(late), "OUTSIDE_CALLING_WINDOW");
  EXPECT_NE(late.message().find("2026-11-26T09:00:00"), std::string::npos) << late.message();
  // No zone: the customer's local time is unknowable, so no time is inside.
  EXPECT_EQ(ReasonOf(CheckInsideCallingWindows(At(2026, 11, 25, 12), NineToFive(), std::nullopt)),
            "OUTSIDE_CALLING_WINDOW");
}

TEST(CallbackPlanTest, TheLeadWaitsForItsCallbackAndReturnsWhenCancelled) {
  LeadFacts lead;
  lead.lead_id = "lead-1";
  lead.state = LeadState::kScheduled;
  lead.attempts = 1;
  auto waiting = AwaitCallback(lead, {CallbackKind::kCustomerRequested, kNow + hours(3),
                                      CallbackOwnership::kAgentOnly, "agent-1"});
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(waiting->state, LeadState::kCallback);
  EXPECT_EQ(waiting->next_attempt_time, kNow + hours(3));
  EXPECT_EQ(waiting->callback_owner_agent_id, "agent-1");
  EXPECT_EQ(waiting->callback_ownership, CallbackOwnership::kAgentOnly);

  LeadFacts back = DropCallback(*waiting, kNow);
  EXPECT_EQ(back.state, LeadState::kScheduled);
  EXPECT_EQ(back.next_attempt_time, kNow);
  EXPECT_TRUE(back.callback_owner_agent_id.empty());
}

TEST(CallbackPlanTest, AClosedOrRingingLeadTakesNoCallback) {
  LeadFacts lead;
  lead.state = LeadState::kOrdered;
  CallbackPlan plan{CallbackKind::kCustomerRequested, kNow + hours(1), CallbackOwnership::kAnyone,
                    ""};
  EXPECT_EQ(ReasonOf(AwaitCallback(lead, plan).status()), "LEAD_CLOSED");
  lead.state = LeadState::kInProgress;
  EXPECT_EQ(ReasonOf(AwaitCallback(lead, plan).status()), "LEAD_IN_PROGRESS");
}

}  // namespace
}  // namespace tmk::dialing
