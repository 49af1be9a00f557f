// The rules no dial may break, whoever places it (R2, R6, R10, R20): callability, the 72 h recall
// block after an abandoned call (lifted only by an agent reserved first), frequency caps across
// campaigns and the calling windows in the customer's local time.
#include "services/dialing/domain/dial_compliance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/campaigns/domain/contact_policy.h"
#include "services/common/calendar/local_date_time.h"

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using ::testing::ElementsAre;

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone));
  return zone;
}

TimePoint At(int y, int mo, int d, int h, int mi, const char* zone = "Asia/Shanghai") {
  return calendar::FromLocalDateTime({{y, mo, d}, {h, mi}, 0}, Zone(zone));
}

// A B2B customer under the R10 default windows (weekdays in business hours) and the default
// region policy, living in `zone`.
DialComplianceContext B2b(TimePoint now, const char* zone = "Asia/Shanghai") {
  campaigns::CampaignCallingWindows windows;
  windows.windows = campaigns::DefaultCustomerWindows();
  windows.fallback_time_zone = "Asia/Shanghai";
  DialComplianceContext c;
  c.now = now;
  c.calendars = campaigns::CallingCalendarsFor(windows, campaigns::DefaultContactPolicy(),
                                               campaigns::CustomerKind::kB2b);
  c.zone = Zone(zone);
  return c;
}

std::vector<HopperBlockReason> Reasons(const DialVerdict& v) {
  std::vector<HopperBlockReason> out;
  for (const Blocked& b : v.blocked) out.push_back(b.reason);
  return out;
}

TEST(DialComplianceTest, ACallableCustomerInsideTheWindowMayBeDialed) {
  EXPECT_TRUE(CheckDialCompliance(B2b(At(2026, 6, 8, 10, 0))).allowed());
}

TEST(DialComplianceTest, TheWindowIsTheCustomersLocalTimeNotTheDialers) {
  // 10:00 in Shanghai is 03:00 in Berlin: a customer living there is not rung (R10, R20).
  const DialVerdict v = CheckDialCompliance(B2b(At(2026, 6, 8, 10, 0), "Europe/Berlin"));
  EXPECT_THAT(Reasons(v), ElementsAre(HopperBlockReason::kOutsideCallingWindow));
  ASSERT_TRUE(v.blocked[0].until.has_value());
  EXPECT_EQ(*v.blocked[0].until, At(2026, 6, 8, 9, 0, "Europe/Berlin"));
}

TEST(DialComplianceTest, AnUnknownZoneCallsNobody) {
  DialComplianceContext c = B2b(At(2026, 6, 8, 10, 0));
  c.zone.reset();
  EXPECT_THAT(Reasons(CheckDialCompliance(c)),
              ElementsAre(HopperBlockReason::kOutsideCallingWindow));
}

TEST(DialComplianceTest, AnAbandonedCustomerWaitsSeventyTwoHoursUnlessAnAgentIsReserved) {
  const TimePoint now = At(2026, 6, 10, 10, 0);
  DialComplianceContext c = B2b(now);
  c.counts.last_abandoned_time = now - hours(71);
  const DialVerdict predictive = CheckDialCompliance(c);
  EXPECT_THAT(Reasons(predictive), ElementsAre(HopperBlockReason::kAbandonRecallBlock));
  EXPECT_EQ(predictive.blocked[0].until, now + hours(1));

  c.agent_reserved = true;  // preview or manual: an agent is on the line before it rings
  EXPECT_TRUE(CheckDialCompliance(c).allowed());

  c.agent_reserved = false;
  c.counts.last_abandoned_time = now - hours(72);
  EXPECT_TRUE(CheckDialCompliance(c).allowed());
}

TEST(DialComplianceTest, ALongerConfiguredRecallBlockIsHonoured) {
  const TimePoint now = At(2026, 6, 10, 10, 0);
  DialComplianceContext c = B2b(now);
  c.counts.last_abandoned_time = now - hours(80);
  c.abandon_recall_block = hours(96);
  EXPECT_THAT(Reasons(CheckDialCompliance(c)),
              ElementsAre(HopperBlockReason::kAbandonRecallBlock));
}

TEST(DialComplianceTest, FrequencyCapsCountCallsFromEveryCampaign) {
  DialComplianceContext c = B2b(At(2026, 6, 10, 10, 0));
  c.frequency_cap.max_calls_per_day = 2;
  c.frequency_cap.max_calls_per_week = 5;
  c.counts.calls_last_day = 1;
  c.counts.calls_last_week = 4;
  EXPECT_TRUE(CheckDialCompliance(c).allowed());
  c.counts.calls_last_day = 2;
  EXPECT_THAT(Reasons(CheckDialCompliance(c)), ElementsAre(HopperBlockReason::kFrequencyCap));
  c.counts.calls_last_day = 1;
  c.counts.calls_last_week = 5;
  EXPECT_THAT(Reasons(CheckDialCompliance(c)), ElementsAre(HopperBlockReason::kFrequencyCap));
}

TEST(DialComplianceTest, TheMinimumGapLiftsAtAKnownTime) {
  const TimePoint now = At(2026, 6, 10, 10, 0);
  DialComplianceContext c = B2b(now);
  c.frequency_cap.min_gap = hours(4);
  c.counts.last_call_time = now - hours(1);
  const DialVerdict v = CheckDialCompliance(c);
  EXPECT_THAT(Reasons(v), ElementsAre(HopperBlockReason::kFrequencyCap));
  EXPECT_EQ(v.blocked[0].until, now + hours(3));
}

TEST(DialComplianceTest, EveryReasonIsListedCallabilityFirst) {
  const TimePoint saturday = At(2026, 6, 6, 10, 0);
  DialComplianceContext c = B2b(saturday);
  c.customer = {false, HopperBlockReason::kDoNotCall};
  c.counts.last_abandoned_time = saturday - minutes(5);
  c.frequency_cap.max_calls_per_day = 1;
  c.counts.calls_last_day = 1;
  EXPECT_THAT(Reasons(CheckDialCompliance(c)),
              ElementsAre(HopperBlockReason::kDoNotCall, HopperBlockReason::kAbandonRecallBlock,
                          HopperBlockReason::kFrequencyCap,
                          HopperBlockReason::kOutsideCallingWindow));
}

TEST(DialComplianceTest, EveryReasonHasAnExplanation) {
  EXPECT_STRNE(DescribeBlock(HopperBlockReason::kAbandonRecallBlock),
               DescribeBlock(HopperBlockReason::kFrequencyCap));
}

}  // namespace
}  // namespace tmk::dialing
