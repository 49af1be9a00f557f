// Call rollup changes at the campaign rollups' grain (R26, R27): the agent dropped, the bucket
// kept or widened to its UTC day, changes meeting on one key summed and cancelled ones dropped.
#include "services/reporting/domain/campaign_contribution.h"

#include <gtest/gtest.h>

#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {
namespace {

// 2026-09-21 14:13:20 UTC.
const TimePoint kT0 = TimePoint(std::chrono::seconds(1'790'000'000));

CallContribution Change(const std::string& agent, TimePoint bucket, int64_t attempts,
                        int64_t talk_ms) {
  CallContribution c;
  c.key = {bucket, "gd", "c1", "A", agent, "", Direction::kOutbound};
  c.measures.dial_attempts = attempts;
  c.measures.talk_ms = talk_ms;
  return c;
}

TEST(CampaignContribution, DropsTheAgentAndKeepsTheQuarterHour) {
  const TimePoint bucket = BucketStart(kT0);
  auto out = AtCampaignGrain({Change("a1", bucket, 1, 5000)}, CampaignGrain::kQuarterHour);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key.agent_id, "");
  EXPECT_EQ(out[0].key.bucket, bucket);
  EXPECT_EQ(out[0].key.campaign_id, "c1");
  EXPECT_EQ(out[0].measures.talk_ms, 5000);
}

TEST(CampaignContribution, WidensToTheUtcDay) {
  auto out = AtCampaignGrain({Change("a1", BucketStart(kT0), 1, 5000)}, CampaignGrain::kUtcDay);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key.bucket, TimePoint(std::chrono::seconds(1'790'000'000 - 51'200)));
  EXPECT_EQ(UtcDayStart(out[0].key.bucket), out[0].key.bucket);
}

TEST(CampaignContribution, AMoveBetweenAgentsCancelsOut) {
  // The call's agent became known: call_rollup moves it from "" to a1; the campaign rows keep it.
  const TimePoint bucket = BucketStart(kT0);
  const std::vector<CallContribution> move = {Change("", bucket, -1, -5000),
                                              Change("a1", bucket, 1, 5000)};
  EXPECT_TRUE(AtCampaignGrain(move, CampaignGrain::kQuarterHour).empty());
  EXPECT_TRUE(AtCampaignGrain(move, CampaignGrain::kUtcDay).empty());
}

TEST(CampaignContribution, AMoveBetweenBucketsOfOneDayCancelsOnlyAtTheDay) {
  const TimePoint bucket = BucketStart(kT0);
  const std::vector<CallContribution> move = {Change("a1", bucket, -1, -5000),
                                              Change("a1", bucket + kRollupBucket, 1, 7000)};
  auto quarter = AtCampaignGrain(move, CampaignGrain::kQuarterHour);
  ASSERT_EQ(quarter.size(), 2u);
  EXPECT_EQ(quarter[0].measures.dial_attempts, -1);
  EXPECT_EQ(quarter[1].measures.dial_attempts, 1);
  auto day = AtCampaignGrain(move, CampaignGrain::kUtcDay);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].measures.dial_attempts, 0);
  EXPECT_EQ(day[0].measures.talk_ms, 2000);
}

}  // namespace
}  // namespace tmk::reporting
