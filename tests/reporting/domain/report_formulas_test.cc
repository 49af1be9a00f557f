// The measure formulas (R26-R28): ratios with no denominator are 0, service level thresholds,
// ROI, cost, median and bucket arithmetic.
#include "services/reporting/domain/report_formulas.h"

#include <gtest/gtest.h>

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {
namespace {

TEST(ReportFormulasTest, RatesAndAverages) {
  CallMeasures m;
  m.offered = 200;
  m.abandoned = 6;
  m.handled = 190;
  m.wait_ms = 190 * 4000;
  m.handle_count = 180;
  m.talk_ms = 180 * 100000;
  m.hold_ms = 0;
  m.wrap_ms = 180 * 20000;
  m.dial_attempts = 1000;
  m.contacts = 200;
  m.answered_within[3] = 150;  // 20 s
  m.transferred = 4;
  m.transfer_ms = 4 * 9000;
  EXPECT_DOUBLE_EQ(AbandonRate(m), 0.03);
  EXPECT_EQ(AverageWaitTime(m), Millis(4000));
  EXPECT_EQ(AverageHandleTime(m), Millis(120000));
  EXPECT_EQ(AverageTransferTime(m), Millis(9000));
  EXPECT_DOUBLE_EQ(ContactRate(m), 0.2);
  EXPECT_DOUBLE_EQ(ServiceLevel(m, *ServiceLevelIndex(std::chrono::seconds(20))), 0.75);
  EXPECT_DOUBLE_EQ(AbandonRate(CallMeasures{}), 0.0);
  EXPECT_EQ(AverageHandleTime(CallMeasures{}), Millis(0));
}

TEST(ReportFormulasTest, ServiceLevelThresholdsAreTheRolledUpOnes) {
  EXPECT_EQ(ServiceLevelIndex(std::chrono::seconds(5)), 0u);
  EXPECT_EQ(ServiceLevelIndex(std::chrono::seconds(180)), kServiceLevelSeconds.size() - 1);
  EXPECT_FALSE(ServiceLevelIndex(std::chrono::seconds(25)).has_value());
}

TEST(ReportFormulasTest, AgentAndMoneyMeasures) {
  EXPECT_DOUBLE_EQ(Occupancy(Millis(3'000'000), Millis(4'000'000), Millis(1'000'000)), 1.0);
  EXPECT_DOUBLE_EQ(CallsPerHour(30, Millis(2 * 3'600'000)), 15.0);
  EXPECT_DOUBLE_EQ(ReturnOnInvestment(1500, 1000), 0.5);
  EXPECT_DOUBLE_EQ(ReturnOnInvestment(1500, 0), 0.0);
  EXPECT_DOUBLE_EQ(CampaignCost(10, 600, 50, 0.1, 200), 10 * 50 + 60 + 200);
  EXPECT_DOUBLE_EQ(ProjectToEnd(40, 0.5), 80);
  EXPECT_DOUBLE_EQ(Median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(Median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(Median({}), 0);
}

TEST(ReportBucketTest, QuarterHoursAndCalendarEnds) {
  const TimePoint t = TimePoint(std::chrono::seconds(1'790'000'123));
  EXPECT_EQ(BucketStart(t).time_since_epoch() % std::chrono::minutes(15), TimePoint::duration(0));
  EXPECT_LE(BucketStart(t), t);
  EXPECT_GT(BucketStart(t) + std::chrono::minutes(15), t);
  EXPECT_EQ(BucketEndAtOrAfter(BucketStart(t)), BucketStart(t));
  const TimePoint far = t + std::chrono::hours(24 * 90);
  // 2026-09-21 00:00 UTC is a Monday bucket start; a month bucket ends at the next month.
  const TimePoint sept = TimePoint(std::chrono::seconds(1'789'948'800));
  EXPECT_EQ(BucketEnd(sept, BucketWidth::kDay, "UTC", far), sept + std::chrono::hours(24));
  EXPECT_EQ(BucketEnd(sept, BucketWidth::kWeek, "UTC", far), sept + std::chrono::hours(24 * 7));
  EXPECT_EQ(BucketEnd(sept, BucketWidth::kTotal, "UTC", far), far);
  const TimePoint sept1 = TimePoint(std::chrono::seconds(1'788'220'800));  // 2026-09-01
  EXPECT_EQ(BucketEnd(sept1, BucketWidth::kMonth, "UTC", far), sept1 + std::chrono::hours(24 * 30));
}

}  // namespace
}  // namespace tmk::reporting
