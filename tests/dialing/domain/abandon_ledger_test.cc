#include "services/dialing/domain/abandon_ledger.h"

#include <gtest/gtest.h>

#include <chrono>

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const TimePoint kStart = TimePoint(hours(24 * 365 * 56));

AbandonLedger Ledger(double target = 0.03) { return *AbandonLedger::Create(target); }

void Record(AbandonLedger& ledger, TimePoint at, int answers, int abandons) {
  for (int i = 0; i < answers; ++i) ledger.RecordLiveAnswer(at, i < abandons);
}

TEST(AbandonLedger, RejectsATargetThatIsNoFraction) {
  EXPECT_FALSE(AbandonLedger::Create(0).ok());
  EXPECT_FALSE(AbandonLedger::Create(1).ok());
  EXPECT_FALSE(AbandonLedger::Create(-0.03).ok());
  EXPECT_TRUE(AbandonLedger::Create(0.03).ok());
}

TEST(AbandonLedger, CountsLiveAnswersAndAbandonsInBothWindows) {
  AbandonLedger ledger = Ledger();
  Record(ledger, kStart, 200, 5);
  EXPECT_EQ(ledger.Last24Hours().live_answers, 200);
  EXPECT_EQ(ledger.Last24Hours().abandons, 5);
  EXPECT_DOUBLE_EQ(ledger.Last24Hours().Rate(), 0.025);
  EXPECT_EQ(ledger.Last30Days().live_answers, 200);
  EXPECT_EQ(ledger.Last30Days().abandons, 5);
}

// R20: the 24 h window rolls; a day and a minute later the old calls no longer count there but
// still do in the 30-day window.
TEST(AbandonLedger, TheDayWindowRollsOffAfterTwentyFourHours) {
  AbandonLedger ledger = Ledger();
  Record(ledger, kStart, 100, 3);
  ledger.AdvanceTo(kStart + hours(23) + minutes(59));
  EXPECT_EQ(ledger.Last24Hours().live_answers, 100);
  ledger.AdvanceTo(kStart + hours(24));
  EXPECT_EQ(ledger.Last24Hours().live_answers, 0);
  EXPECT_EQ(ledger.Last24Hours().abandons, 0);
  EXPECT_EQ(ledger.Last30Days().live_answers, 100);
  EXPECT_EQ(ledger.Last30Days().abandons, 3);
}

TEST(AbandonLedger, TheMonthWindowRollsOffAfterThirtyDays) {
  AbandonLedger ledger = Ledger();
  Record(ledger, kStart, 50, 1);
  Record(ledger, kStart + hours(24 * 10), 70, 2);
  ledger.AdvanceTo(kStart + hours(24 * 30) - minutes(1));
  EXPECT_EQ(ledger.Last30Days().live_answers, 120);
  ledger.AdvanceTo(kStart + hours(24 * 30));
  EXPECT_EQ(ledger.Last30Days().live_answers, 70);
  EXPECT_EQ(ledger.Last30Days().abandons, 2);
  ledger.AdvanceTo(kStart + hours(24 * 80));  // a long pause forgets everything
  EXPECT_EQ(ledger.Last30Days().live_answers, 0);
}

TEST(AbandonLedger, SlidingWindowsAddAndDropMinuteByMinute) {
  AbandonLedger ledger = Ledger();
  for (int m = 0; m < 3 * 24 * 60; m += 7) Record(ledger, kStart + minutes(m), 3, m % 2);
  // Exactly the minutes in (now - 24 h, now] count.
  const TimePoint now = kStart + minutes(3 * 24 * 60 - 1);
  ledger.AdvanceTo(now);
  int64_t answers = 0;
  int64_t abandons = 0;
  for (int m = 0; m < 3 * 24 * 60; m += 7) {
    if (m > 3 * 24 * 60 - 1 - 1440) {
      answers += 3;
      abandons += m % 2;
    }
  }
  EXPECT_EQ(ledger.Last24Hours().live_answers, answers);
  EXPECT_EQ(ledger.Last24Hours().abandons, abandons);
  EXPECT_EQ(ledger.Last30Days().live_answers, 3 * (3 * 24 * 60 / 7 + 1));
}

TEST(AbandonLedger, AffordableAbandonsKeepTheRateAtTheTargetEvenIfEachIsAnAnswerToo) {
  AbandonLedger ledger = Ledger();
  EXPECT_EQ(ledger.AffordableAbandons(), 0);  // nothing answered yet: nothing to spend
  Record(ledger, kStart, 32, 0);
  EXPECT_EQ(ledger.AffordableAbandons(), 0);  // 1 of 33 would be 3.03 %
  Record(ledger, kStart, 1, 0);
  EXPECT_EQ(ledger.AffordableAbandons(), 1);  // 1 of 34 is 2.94 %
  Record(ledger, kStart, 967, 0);             // 1000 answers: (30 - 0) / 0.97 = 30.9
  EXPECT_EQ(ledger.AffordableAbandons(), 30);
  Record(ledger, kStart, 30, 30);  // spend them: 30 of 1030 = 2.91 %
  EXPECT_EQ(ledger.AffordableAbandons(), 0);
  EXPECT_LE(ledger.Last24Hours().Rate(), 0.03);
}

TEST(AbandonLedger, AnOverspentWindowAffordsNothing) {
  AbandonLedger ledger = Ledger();
  Record(ledger, kStart, 100, 10);
  EXPECT_EQ(ledger.AffordableAbandons(), 0);
}

// The tighter window decides: a clean day does not excuse an overspent month.
TEST(AbandonLedger, AffordableIsTheSmallerOfTheTwoWindows) {
  AbandonLedger ledger = Ledger();
  Record(ledger, kStart, 1000, 40);               // month over budget
  Record(ledger, kStart + hours(48), 1000, 0);    // a clean day
  ledger.AdvanceTo(kStart + hours(49));
  // Day: (30 - 0) / 0.97 = 30; month: (60 - 40) / 0.97 = 20.6.
  EXPECT_EQ(ledger.AffordableAbandons(), 20);
}

TEST(AbandonLedger, LateEventsCountInTheWindowsTheyFallIn) {
  AbandonLedger ledger = Ledger();
  ledger.AdvanceTo(kStart + hours(30));
  ledger.RecordLiveAnswer(kStart + hours(5), true);   // in the month, not in the day
  ledger.RecordLiveAnswer(kStart + hours(29), true);  // in both
  EXPECT_EQ(ledger.Last24Hours().abandons, 1);
  EXPECT_EQ(ledger.Last30Days().abandons, 2);
}

}  // namespace
}  // namespace tmk::dialing
