// Contact strategy (R12, R13, R17, R20): the requirement's defaults, filling only what is missing,
// and every rule a cadence or retry rule must satisfy.
#include "services/campaigns/domain/contact_strategy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Fields(const ContactStrategy& strategy) {
  Violations v;
  CheckContactStrategy(strategy, "s", v);
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

const CadenceRule* CadenceFor(const ContactStrategy& s, IntentionClass c) {
  for (const CadenceRule& r : s.cadence_rules) {
    if (r.intention_class == c) return &r;
  }
  return nullptr;
}

const RetryRule* RetryFor(const ContactStrategy& s, CallOutcome o) {
  for (const RetryRule& r : s.retry_rules) {
    if (r.outcome == o) return &r;
  }
  return nullptr;
}

CadenceRule Cadence(IntentionClass c, milliseconds interval) {
  CadenceRule rule;
  rule.intention_class = c;
  rule.interval = interval;
  return rule;
}

TEST(ContactStrategyDefaultsTest, FollowR12) {
  ContactStrategy s = WithDefaults({});
  const CadenceRule* interested = CadenceFor(s, IntentionClass::kInterested);
  ASSERT_NE(interested, nullptr);
  EXPECT_EQ(interested->interval, hours(48));
  EXPECT_EQ(interested->expected_contacts_min, 3);
  EXPECT_EQ(interested->expected_contacts_max, 5);
  const CadenceRule* considering = CadenceFor(s, IntentionClass::kConsidering);
  ASSERT_NE(considering, nullptr);
  EXPECT_EQ(considering->interval, hours(84));
  EXPECT_EQ(considering->expected_contacts_min, 4);
  EXPECT_EQ(considering->expected_contacts_max, 7);
  const CadenceRule* not_now = CadenceFor(s, IntentionClass::kNotNow);
  ASSERT_NE(not_now, nullptr);
  EXPECT_EQ(not_now->interval, hours(24 * 14));
  EXPECT_EQ(not_now->interval_max, hours(24 * 21));
  const CadenceRule* definitely_not = CadenceFor(s, IntentionClass::kDefinitelyNot);
  ASSERT_NE(definitely_not, nullptr);
  EXPECT_TRUE(definitely_not->stop_calling);
  EXPECT_TRUE(definitely_not->collect_feedback);
  EXPECT_EQ(CadenceFor(s, IntentionClass::kBuyNow), nullptr);
}

TEST(ContactStrategyDefaultsTest, FollowTheRetryContract) {
  ContactStrategy s = WithDefaults({});
  struct Expect {
    CallOutcome outcome;
    milliseconds after;
    int attempts;
  };
  for (const Expect& e : {Expect{CallOutcome::kBusy, minutes(15), 3},
                          Expect{CallOutcome::kNoAnswer, hours(2), 5},
                          Expect{CallOutcome::kMachine, hours(4), 3},
                          Expect{CallOutcome::kNetworkFailure, minutes(5), 3},
                          Expect{CallOutcome::kAbandoned, hours(72), 3},
                          Expect{CallOutcome::kInvalidNumber, milliseconds(0), 0},
                          Expect{CallOutcome::kWrongParty, milliseconds(0), 0}}) {
    const RetryRule* rule = RetryFor(s, e.outcome);
    ASSERT_NE(rule, nullptr) << Name(e.outcome);
    EXPECT_EQ(rule->retry_after, e.after) << Name(e.outcome);
    EXPECT_EQ(rule->max_attempts, e.attempts) << Name(e.outcome);
  }
  EXPECT_EQ(s.max_attempts, 12);
  EXPECT_EQ(s.after_sale_check_delay, hours(48));
  EXPECT_EQ(s.callback_grace, hours(2));
}

TEST(ContactStrategyDefaultsTest, AreValid) { EXPECT_THAT(Fields(WithDefaults({})), IsEmpty()); }

TEST(ContactStrategyDefaultsTest, FillOnlyWhatIsMissingAndKeepPositions) {
  ContactStrategy given;
  given.cadence_rules = {Cadence(IntentionClass::kInterested, hours(24))};
  given.retry_rules = {{CallOutcome::kBusy, minutes(30), 2}};
  given.max_attempts = 6;
  given.callback_grace = minutes(30);
  ContactStrategy s = WithDefaults(given);
  ASSERT_EQ(s.cadence_rules.size(), 4u);
  EXPECT_EQ(s.cadence_rules[0].intention_class, IntentionClass::kInterested);
  EXPECT_EQ(s.cadence_rules[0].interval, hours(24));
  EXPECT_EQ(s.retry_rules[0].retry_after, minutes(30));
  EXPECT_EQ(s.retry_rules[0].max_attempts, 2);
  EXPECT_EQ(s.retry_rules.size(), 7u);
  EXPECT_EQ(s.max_attempts, 6);
  EXPECT_EQ(s.callback_grace, minutes(30));
  EXPECT_EQ(s.after_sale_check_delay, hours(48));
  // Defaults twice change nothing.
  EXPECT_EQ(WithDefaults(s).cadence_rules.size(), 4u);
  EXPECT_EQ(WithDefaults(s).retry_rules.size(), 7u);
}

TEST(CadenceRuleTest, AtMostOneRulePerKnownClass) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kInterested, hours(48)),
                     Cadence(IntentionClass::kInterested, hours(24)),
                     Cadence(IntentionClass::kUnspecified, hours(24)),
                     Cadence(static_cast<IntentionClass>(6), hours(24))};
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[1].intention_class",
                                     "s.cadence_rules[2].intention_class",
                                     "s.cadence_rules[3].intention_class"));
}

TEST(CadenceRuleTest, BuyNowHasNoCadence) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kBuyNow, hours(48))};
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].intention_class"));
}

TEST(CadenceRuleTest, ARuleThatKeepsCallingNeedsAnInterval) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kConsidering, milliseconds(0))};
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].interval"));
}

TEST(CadenceRuleTest, IntervalMaxIsUnsetOrAtLeastInterval) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kNotNow, hours(24 * 14))};
  s.cadence_rules[0].interval_max = hours(24 * 7);
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].interval_max"));
  s.cadence_rules[0].interval_max = hours(24 * 14);
  EXPECT_THAT(Fields(s), IsEmpty());
}

TEST(CadenceRuleTest, DurationsAreNotNegative) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kInterested, hours(-1))};
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].interval"));
  s.cadence_rules[0].interval = hours(24 * 400);
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].interval"));
}

TEST(CadenceRuleTest, AStoppingRuleHasNoInterval) {
  ContactStrategy s;
  CadenceRule stop;
  stop.intention_class = IntentionClass::kNotNow;
  stop.stop_calling = true;
  s.cadence_rules = {stop};
  EXPECT_THAT(Fields(s), IsEmpty());
  s.cadence_rules[0].interval = hours(1);
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].interval"));
}

TEST(CadenceRuleTest, DefinitelyNotAlwaysCollectsFeedback) {
  ContactStrategy s;
  CadenceRule rule;
  rule.intention_class = IntentionClass::kDefinitelyNot;
  rule.stop_calling = true;
  s.cadence_rules = {rule};
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].collect_feedback"));
  // Calling them again later (a retention win-back) is configurable; the feedback is not.
  s.cadence_rules[0].stop_calling = false;
  s.cadence_rules[0].interval = hours(24 * 180);
  s.cadence_rules[0].collect_feedback = true;
  EXPECT_THAT(Fields(s), IsEmpty());
}

TEST(CadenceRuleTest, ExpectedContactsAreOrderedAndNotNegative) {
  ContactStrategy s;
  s.cadence_rules = {Cadence(IntentionClass::kInterested, hours(48))};
  s.cadence_rules[0].expected_contacts_min = 6;
  s.cadence_rules[0].expected_contacts_max = 5;
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].expected_contacts_min"));
  s.cadence_rules[0].expected_contacts_min = -1;
  s.cadence_rules[0].expected_contacts_max = 0;
  s.cadence_rules[0].max_contacts_in_class = -2;
  EXPECT_THAT(Fields(s), ElementsAre("s.cadence_rules[0].expected_contacts_min",
                                     "s.cadence_rules[0].max_contacts_in_class"));
}

TEST(RetryRuleTest, OnlyOutcomesThatMissedTheCustomer) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kReached, hours(1), 1},
                   {CallOutcome::kCallbackRequested, hours(1), 1},
                   {CallOutcome::kDoNotCallRequested, hours(1), 1},
                   {CallOutcome::kUnspecified, hours(1), 1},
                   {CallOutcome::kHungUp, minutes(30), 2}};
  EXPECT_THAT(Fields(s), ElementsAre("s.retry_rules[0].outcome", "s.retry_rules[1].outcome",
                                     "s.retry_rules[2].outcome", "s.retry_rules[3].outcome"));
}

TEST(RetryRuleTest, AtMostOneRulePerOutcome) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kBusy, minutes(15), 3}, {CallOutcome::kBusy, minutes(5), 1}};
  EXPECT_THAT(Fields(s), ElementsAre("s.retry_rules[1].outcome"));
}

TEST(RetryRuleTest, ScreeningFailuresAreNeverRetried) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kInvalidNumber, hours(1), 1},
                   {CallOutcome::kWrongParty, hours(1), 0}};
  EXPECT_THAT(Fields(s), ElementsAre("s.retry_rules[0].max_attempts"));
}

TEST(RetryRuleTest, ARetryNeedsADelay) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kNoAnswer, milliseconds(0), 2},
                   {CallOutcome::kMachine, milliseconds(0), 0}};
  EXPECT_THAT(Fields(s), ElementsAre("s.retry_rules[0].retry_after"));
}

TEST(RetryRuleTest, AbandonedCallsWait72Hours) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kAbandoned, hours(71), 1}};
  Violations v;
  CheckContactStrategy(s, "s", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "s.retry_rules[0].retry_after");
  EXPECT_THAT(v.list()[0].description, HasSubstr("R20"));
  s.retry_rules[0].retry_after = hours(72);
  EXPECT_THAT(Fields(s), IsEmpty());
  s.retry_rules[0] = {CallOutcome::kAbandoned, hours(1), 0};  // never retried: no gap needed
  EXPECT_THAT(Fields(s), IsEmpty());
}

TEST(RetryRuleTest, AttemptsAreBounded) {
  ContactStrategy s;
  s.retry_rules = {{CallOutcome::kBusy, minutes(15), -1}, {CallOutcome::kNoAnswer, hours(1), 101}};
  EXPECT_THAT(Fields(s), ElementsAre("s.retry_rules[0].max_attempts",
                                     "s.retry_rules[1].max_attempts"));
}

TEST(ContactStrategyTest, ScalarsAreBounded) {
  ContactStrategy s;
  s.max_attempts = -1;
  s.after_sale_check_delay = hours(-48);
  s.callback_grace = hours(24 * 366);
  EXPECT_THAT(Fields(s), ElementsAre("s.max_attempts", "s.after_sale_check_delay",
                                     "s.callback_grace"));
  s = {};
  s.max_attempts = 101;
  EXPECT_THAT(Fields(s), ElementsAre("s.max_attempts"));
}

}  // namespace
}  // namespace tmk::campaigns
