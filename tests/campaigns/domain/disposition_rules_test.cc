// Disposition sets (R11, R12, R13, R17): codes, the consistency of outcome, stage, intention class
// and effect, and the rule that a code, once defined, is retired rather than removed or redefined.
#include "services/campaigns/domain/disposition_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::campaigns {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using O = CallOutcome;
using S = SaleStage;
using I = IntentionClass;
using E = SchedulingEffect;

Disposition D(std::string code, O outcome, E effect, S stage = S::kUnspecified,
              I intention = I::kUnspecified) {
  Disposition d;
  d.code = std::move(code);
  d.display_name = d.code;
  d.outcome = outcome;
  d.effect = effect;
  d.stage = stage;
  d.intention_class = intention;
  return d;
}

Disposition Ordered() {
  Disposition d = D("ORDERED", O::kReached, E::kOrder, S::kOrder, I::kBuyNow);
  d.requires_order = true;
  d.counts_as_conversion = true;
  return d;
}

Disposition NotInterested() {
  Disposition d = D("NOT_INTERESTED", O::kReached, E::kStop, S::kUnspecified, I::kDefinitelyNot);
  d.requires_feedback = true;
  return d;
}

DispositionSet ValidSet() {
  DispositionSet set;
  set.display_name = "Broadband upgrade";
  set.dispositions = {
      D("INTERESTED_2D", O::kReached, E::kCadence, S::kFollowUp, I::kInterested),
      Ordered(),
      D("NO_ANSWER", O::kNoAnswer, E::kRetry),
      D("CALL_ME_LATER", O::kCallbackRequested, E::kCallback, S::kUnspecified, I::kConsidering),
      NotInterested(),
      D("DNC", O::kDoNotCallRequested, E::kDoNotCall),
      D("WRONG_NUMBER", O::kInvalidNumber, E::kNextContactPoint),
      D("WRONG_PERSON_STOP", O::kWrongParty, E::kStop),
  };
  return set;
}

std::vector<std::string> Fields(const DispositionSet& set) {
  Violations v;
  CheckDispositionSet(set, "ds", v);
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

// The fields reported for ValidSet() with `d` first, in place of the entry of the same code.
std::vector<std::string> FieldsWith(const Disposition& d) {
  DispositionSet set = ValidSet();
  std::vector<Disposition> others;
  for (const Disposition& kept : set.dispositions) {
    if (kept.code != d.code) others.push_back(kept);
  }
  set.dispositions = {d};
  set.dispositions.insert(set.dispositions.end(), others.begin(), others.end());
  return Fields(set);
}

TEST(DispositionSetTest, AcceptsAConsistentSet) { EXPECT_THAT(Fields(ValidSet()), IsEmpty()); }

TEST(DispositionSetTest, NeedsANameAndAtLeastOneDisposition) {
  DispositionSet set;
  EXPECT_THAT(Fields(set), ElementsAre("ds.display_name", "ds.dispositions"));
  set = ValidSet();
  set.display_name = std::string(201, 'n');
  set.description = std::string(2001, 'd');
  EXPECT_THAT(Fields(set), ElementsAre("ds.display_name", "ds.description"));
}

TEST(DispositionSetTest, NeedsAnActiveReachedCode) {
  DispositionSet set;
  set.display_name = "unreached only";
  set.dispositions = {D("NO_ANSWER", O::kNoAnswer, E::kRetry)};
  EXPECT_THAT(Fields(set), ElementsAre("ds.dispositions"));
  set.dispositions.push_back(D("TALKED", O::kReached, E::kStop));
  set.dispositions.back().retired = true;
  EXPECT_THAT(Fields(set), ElementsAre("ds.dispositions"));
  set.dispositions.back().retired = false;
  EXPECT_THAT(Fields(set), IsEmpty());
}

TEST(DispositionSetTest, CodesAreUpperCaseDigitsAndUnderscoresStartingWithALetter) {
  for (const std::string& bad : std::vector<std::string>{"", "interested", "2DAYS", "_X", "NOT-NOW",
                                                          "A B", std::string(65, 'A')}) {
    Disposition d = D(bad, O::kReached, E::kStop);
    d.display_name = "Talked";
    EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].code")) << "'" << bad << "'";
  }
  EXPECT_THAT(FieldsWith(D("CALL_AGAIN_2", O::kReached, E::kStop)), IsEmpty());
}

TEST(DispositionSetTest, CodesAreUnique) {
  DispositionSet set = ValidSet();
  set.dispositions.push_back(D("NO_ANSWER", O::kBusy, E::kRetry));
  Violations v;
  CheckDispositionSet(set, "ds", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "ds.dispositions[8].code");
  EXPECT_THAT(v.list()[0].description, HasSubstr("ds.dispositions[2]"));
}

TEST(DispositionSetTest, NeedsADisplayNameOutcomeAndEffect) {
  Disposition d = D("X", O::kUnspecified, E::kUnspecified);
  d.display_name = "";
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].display_name",
                                         "ds.dispositions[0].outcome",
                                         "ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", static_cast<O>(12), static_cast<E>(8))),
              ElementsAre("ds.dispositions[0].outcome", "ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kStop, static_cast<S>(5), static_cast<I>(6))),
              ElementsAre("ds.dispositions[0].stage", "ds.dispositions[0].intention_class"));
}

TEST(DispositionSetTest, OnlyReachedCustomersAreClassedStagedOrAskedForFeedback) {
  EXPECT_THAT(FieldsWith(D("X", O::kNoAnswer, E::kRetry, S::kUnspecified, I::kInterested)),
              ElementsAre("ds.dispositions[0].intention_class"));
  EXPECT_THAT(FieldsWith(D("X", O::kBusy, E::kRetry, S::kFollowUp)),
              ElementsAre("ds.dispositions[0].stage"));
  Disposition feedback = D("X", O::kMachine, E::kRetry);
  feedback.requires_feedback = true;
  EXPECT_THAT(FieldsWith(feedback), ElementsAre("ds.dispositions[0].requires_feedback"));
  // A callback request is a conversation: the customer can be classed.
  EXPECT_THAT(FieldsWith(D("X", O::kCallbackRequested, E::kCallback, S::kResolvingQuestions,
                           I::kConsidering)),
              IsEmpty());
}

TEST(DispositionSetTest, OnlyReachedCallsConvert) {
  Disposition d = D("X", O::kCallbackRequested, E::kCallback);
  d.counts_as_conversion = true;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].counts_as_conversion"));
  Disposition survey = D("SURVEY_DONE", O::kReached, E::kStop);
  survey.counts_as_conversion = true;
  EXPECT_THAT(FieldsWith(survey), IsEmpty());
}

TEST(DispositionSetTest, DefinitelyNotRequiresFeedback) {
  Disposition d = NotInterested();
  d.requires_feedback = false;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].requires_feedback"));
}

TEST(DispositionSetTest, OrderEffectMeansStageOrderReachedAndAnOrder) {
  Disposition d = Ordered();
  d.stage = S::kResolvingQuestions;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].stage"));
  d = Ordered();
  d.requires_order = false;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].requires_order"));
  d = Ordered();
  d.intention_class = I::kInterested;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].intention_class"));
  d = Ordered();
  d.intention_class = I::kUnspecified;
  EXPECT_THAT(FieldsWith(d), IsEmpty());
  d = Ordered();
  d.outcome = O::kCallbackRequested;
  d.intention_class = I::kUnspecified;
  EXPECT_THAT(FieldsWith(d),
              ElementsAre("ds.dispositions[0].counts_as_conversion", "ds.dispositions[0].outcome",
                          "ds.dispositions[0].effect"));
}

TEST(DispositionSetTest, StageOrderAndRequiresOrderNeedTheOrderEffect) {
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kCadence, S::kOrder, I::kInterested)),
              ElementsAre("ds.dispositions[0].stage"));
  Disposition d = D("X", O::kReached, E::kStop);
  d.requires_order = true;
  EXPECT_THAT(FieldsWith(d), ElementsAre("ds.dispositions[0].requires_order"));
}

TEST(DispositionSetTest, CallbackEffectIfAndOnlyIfACallbackWasRequested) {
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kCallback)),
              ElementsAre("ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kCallbackRequested, E::kStop)),
              ElementsAre("ds.dispositions[0].effect"));
}

TEST(DispositionSetTest, DoNotCallEffectIfAndOnlyIfTheCustomerAskedForIt) {
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kDoNotCall)),
              ElementsAre("ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kDoNotCallRequested, E::kStop)),
              ElementsAre("ds.dispositions[0].effect"));
}

TEST(DispositionSetTest, NextContactPointOnlyForScreeningFailures) {
  EXPECT_THAT(FieldsWith(D("X", O::kNoAnswer, E::kNextContactPoint)),
              ElementsAre("ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kWrongParty, E::kNextContactPoint)), IsEmpty());
}

TEST(DispositionSetTest, ScreeningFailuresAreNeverRetriedOrFollowedUp) {
  Violations v;
  DispositionSet set = ValidSet();
  set.dispositions[0] = D("X", O::kInvalidNumber, E::kRetry);
  CheckDispositionSet(set, "ds", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "ds.dispositions[0].effect");
  EXPECT_THAT(v.list()[0].description, HasSubstr("R2"));
  EXPECT_THAT(FieldsWith(D("X", O::kWrongParty, E::kCadence)),
              ElementsAre("ds.dispositions[0].effect"));
}

TEST(DispositionSetTest, RetryOnlyForAttemptsThatMissedTheCustomer) {
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kRetry)), ElementsAre("ds.dispositions[0].effect"));
  for (O missed : {O::kNoAnswer, O::kBusy, O::kMachine, O::kAbandoned, O::kNetworkFailure,
                   O::kHungUp}) {
    EXPECT_THAT(FieldsWith(D("X", missed, E::kRetry)), IsEmpty()) << Name(missed);
  }
}

TEST(DispositionSetTest, CadenceOnlyForReachedAndNotForBuyNow) {
  EXPECT_THAT(FieldsWith(D("X", O::kBusy, E::kCadence)), ElementsAre("ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kCadence, S::kUnspecified, I::kBuyNow)),
              ElementsAre("ds.dispositions[0].effect"));
  EXPECT_THAT(FieldsWith(D("X", O::kReached, E::kCadence)), IsEmpty());
}

TEST(DispositionSetTest, ReportsEveryDispositionsProblems) {
  DispositionSet set = ValidSet();
  set.dispositions[2].code = "no answer";
  set.dispositions[5].effect = E::kStop;
  EXPECT_THAT(Fields(set), ElementsAre("ds.dispositions[2].code", "ds.dispositions[5].effect"));
}

TEST(DispositionSetChangeTest, AllowsRenamingRetiringAndAddingCodes) {
  DispositionSet before = ValidSet();
  DispositionSet after = before;
  after.dispositions[0].display_name = "Interested, call in 2 days";
  after.dispositions[2].retired = true;
  after.dispositions.push_back(D("BUSY", O::kBusy, E::kRetry));
  std::swap(after.dispositions[1], after.dispositions[3]);  // order is free
  Violations v;
  CheckDispositionSetChange(before, after, "ds", v);
  EXPECT_TRUE(v.empty());
}

TEST(DispositionSetChangeTest, RefusesRemovingACode) {
  DispositionSet before = ValidSet();
  DispositionSet after = before;
  after.dispositions.erase(after.dispositions.begin() + 2);
  Violations v;
  CheckDispositionSetChange(before, after, "ds", v);
  ASSERT_EQ(v.list().size(), 1u);
  EXPECT_EQ(v.list()[0].field, "ds.dispositions");
  EXPECT_THAT(v.list()[0].description, HasSubstr("'NO_ANSWER' was removed"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("retired"));
}

TEST(DispositionSetChangeTest, RefusesRedefiningACode) {
  DispositionSet before = ValidSet();
  auto redefined = [&](auto change) {
    DispositionSet after = before;
    change(after.dispositions[1]);
    Violations v;
    CheckDispositionSetChange(before, after, "ds", v);
    std::vector<std::string> fields;
    for (const FieldViolation& f : v.list()) fields.push_back(f.field);
    return fields;
  };
  EXPECT_THAT(redefined([](Disposition& d) { d.outcome = O::kCallbackRequested; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.effect = E::kStop; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.counts_as_conversion = false; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.intention_class = I::kUnspecified; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.stage = S::kFollowUp; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.requires_feedback = true; }),
              ElementsAre("ds.dispositions[1]"));
  EXPECT_THAT(redefined([](Disposition& d) { d.retired = true; }), IsEmpty());
}

TEST(SalesVocabularyTest, ClassifiesOutcomes) {
  EXPECT_TRUE(IsConversation(O::kReached));
  EXPECT_TRUE(IsConversation(O::kCallbackRequested));
  EXPECT_TRUE(IsConversation(O::kDoNotCallRequested));
  EXPECT_FALSE(IsConversation(O::kHungUp));
  EXPECT_FALSE(IsRetryable(O::kInvalidNumber));
  EXPECT_TRUE(IsScreeningFailure(O::kWrongParty));
  EXPECT_EQ(Name(O::kDoNotCallRequested), "DO_NOT_CALL_REQUESTED");
  EXPECT_EQ(Name(I::kDefinitelyNot), "DEFINITELY_NOT");
  EXPECT_EQ(Name(static_cast<O>(42)), "42");
}

}  // namespace
}  // namespace tmk::campaigns
