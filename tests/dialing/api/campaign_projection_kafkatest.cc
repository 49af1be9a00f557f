// Dialing's campaign projection fed from a real broker: CampaignSnapshot, ContactPolicySnapshot
// and ScriptVersionChanged events, with a duplicate delivery, an out-of-order older snapshot, a
// tombstone and a malformed payload, end in the projection exactly as the newest snapshots say
// (R7, R10, R32).
#include "services/dialing/api/campaign_projection_consumer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/events/event_consumer.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/proto_event.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"
#include "tests/support/test_env.h"

namespace tmk::dialing {
std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace {
namespace ev1 = telemarketing::events::v1;
namespace cv1 = telemarketing::campaigns::v1;

class CampaignProjectionKafkaTest : public tmk::testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
    kafka_.brokers = tmk::testing::KafkaBrokers();
    topic_ = "tm.test.campaigns." + schema_;
    group_ = "tm-test-" + schema_;
    tmk::testing::CreateTopic(kafka_.brokers, topic_, 3);
  }

  events::OutboundEvent Snapshot(const std::string& campaign_id, cv1::CampaignState state,
                                 int64_t wall_millis, bool deleted = false) {
    ev1::CampaignSnapshot snapshot;
    snapshot.mutable_campaign()->set_campaign_id(campaign_id);
    if (!deleted) {
      snapshot.mutable_campaign()->set_state(state);
      snapshot.mutable_campaign()->set_display_name("campaign " + campaign_id);
    }
    snapshot.set_region_id("gd");
    snapshot.mutable_hlc()->set_wall_time_millis(wall_millis);
    snapshot.mutable_hlc()->set_node("gd");
    snapshot.set_deleted(deleted);
    return events::MakeEvent(topic_, campaign_id, "campaigns/" + campaign_id, snapshot,
                             SystemClock::Instance());
  }

  void Publish(const std::vector<events::OutboundEvent>& batch) {
    auto publisher = events::KafkaEventPublisher::Create(kafka_, "gd", "campaigns");
    ASSERT_TRUE(publisher.ok()) << publisher.status();
    ASSERT_TRUE((*publisher)->PublishBatch(batch).ok());
  }

  events::KafkaConfig kafka_;
  std::string topic_;
  std::string group_;
};

TEST_F(CampaignProjectionKafkaTest, TheProjectionHoldsTheNewestSnapshotOfEachCampaign) {
  std::vector<events::OutboundEvent> batch;
  batch.push_back(Snapshot("c1", cv1::CAMPAIGN_STATE_DRAFT, 1000));
  batch.push_back(Snapshot("c1", cv1::CAMPAIGN_STATE_ACTIVE, 2000));
  batch.push_back(batch.back());  // the same event delivered twice (same ce_id)
  batch.push_back(Snapshot("c1", cv1::CAMPAIGN_STATE_PAUSED, 1500));  // older, arriving late
  batch.push_back(Snapshot("c2", cv1::CAMPAIGN_STATE_DRAFT, 1000));
  batch.push_back(Snapshot("c2", cv1::CAMPAIGN_STATE_UNSPECIFIED, 2000, /*deleted=*/true));
  batch.push_back(Snapshot("c2", cv1::CAMPAIGN_STATE_DRAFT, 1000));  // before its tombstone
  batch.push_back(Snapshot("c3", cv1::CAMPAIGN_STATE_PAUSED, 1000));
  {
    ev1::ContactPolicySnapshot policy;
    policy.set_region_id("gd");
    policy.mutable_hlc()->set_wall_time_millis(1000);
    policy.mutable_hlc()->set_node("gd");
    batch.push_back(events::MakeEvent(topic_, "contact-policy:gd", "contact-policies/gd", policy,
                                      SystemClock::Instance()));
    ev1::ScriptVersionChanged script;
    script.set_region_id("gd");
    batch.push_back(events::MakeEvent(topic_, "script:s1:1", "scripts/s1", script,
                                      SystemClock::Instance()));
    events::OutboundEvent malformed = Snapshot("c4", cv1::CAMPAIGN_STATE_ACTIVE, 1000);
    malformed.payload = "\xff\xff not a protobuf";
    batch.push_back(malformed);
  }
  Publish(batch);

  CampaignProjectionStore store;
  CampaignProjectionConsumer projection(*pool_, store);
  auto consumer = events::EventConsumer::Create(
      kafka_, group_, {topic_},
      [&](const events::ConsumedEvent& event) { return projection.Handle(event); });
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  const long long total = static_cast<long long>(batch.size());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((*consumer)->handled() + (*consumer)->skipped() < total &&
         std::chrono::steady_clock::now() < deadline) {
    (*consumer)->PollOnce(200);
  }
  EXPECT_EQ((*consumer)->handled(), total - 1);
  EXPECT_EQ((*consumer)->skipped(), 1) << "the malformed payload";

  std::optional<CampaignProjectionRow> c1, c2, c3, c4;
  std::optional<ContactPolicyProjectionRow> policy;
  std::vector<CampaignProjectionRow> live;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     c1 = store.Find(tx, "c1");
                     c2 = store.Find(tx, "c2");
                     c3 = store.Find(tx, "c3");
                     c4 = store.Find(tx, "c4");
                     policy = store.FindContactPolicy(tx, "gd");
                     live = store.ListLive(tx);
                     return absl::OkStatus();
                   }).ok());
  ASSERT_TRUE(c1.has_value());
  EXPECT_EQ(c1->state, cv1::CAMPAIGN_STATE_ACTIVE);
  EXPECT_EQ(c1->hlc, (HlcTimestamp{2000, 0, "gd"}));
  ev1::CampaignSnapshot stored;
  ASSERT_TRUE(stored.ParseFromString(c1->snapshot));
  EXPECT_EQ(stored.campaign().display_name(), "campaign c1");
  EXPECT_FALSE(c2.has_value()) << "deleted by its newer tombstone";
  ASSERT_TRUE(c3.has_value());
  EXPECT_EQ(c3->state, cv1::CAMPAIGN_STATE_PAUSED);
  EXPECT_FALSE(c4.has_value());
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->hlc.wall_millis, 1000);
  ASSERT_EQ(live.size(), 2u);
  EXPECT_EQ(live[0].campaign_id, "c1");
  EXPECT_EQ(live[1].campaign_id, "c3");
  // Every applied event is claimed once; the duplicate, the ignored script event and the
  // malformed one are not.
  EXPECT_EQ(Scalar("SELECT count(*) FROM inbox WHERE consumer = 'dialing-campaigns'"),
            std::to_string(total - 3));
}

}  // namespace
}  // namespace tmk::dialing
