// Campaigns on a real PostgreSQL (R7, R14): the record round-trips with its columns, listing pages
// newest first through every filter, live campaigns and disposition-set users are found, and
// request records make mutations idempotent.
#include "services/campaigns/store/campaign_store.h"

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <set>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "tests/support/pg_fixture.h"

namespace tmk::campaigns {
std::vector<pg::Migration> Migrations();  // generated from services/campaigns/migrations
}

namespace tmk::campaigns {
namespace {

namespace v1 = telemarketing::campaigns::v1;
using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

class CampaignStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  template <class Body>
  void Run(Body body) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                  body(tx);
                  return absl::OkStatus();
                }).ok());
  }

  // Campaigns created one second apart, so "newest first" is well defined.
  v1::Campaign NewCampaign(int second, v1::CampaignState state,
                           telemarketing::common::v1::CampaignType type) {
    v1::Campaign c;
    c.set_campaign_id(NewId());
    c.set_display_name("campaign " + std::to_string(second));
    c.set_state(state);
    c.set_type(type);
    c.set_target_list_id(second % 2 == 0 ? "list-even" : "list-odd");
    c.add_agent_group_ids(second % 3 == 0 ? "group-three" : "group-other");
    c.set_disposition_set_id(second < 3 ? "set-early" : "");
    *c.mutable_create_time() = TimeUtil::SecondsToTimestamp(1'790'000'000 + second);
    *c.mutable_update_time() = c.create_time();
    c.set_revision(1);
    (*c.mutable_labels())["site"] = "gz";
    return c;
  }

  CampaignStore store_;
};

TEST_F(CampaignStoreTest, RecordsRoundTripAndUpdatesRewriteTheColumns) {
  v1::Campaign c = NewCampaign(0, v1::CAMPAIGN_STATE_DRAFT, telemarketing::common::v1::CAMPAIGN_TYPE_RETENTION);
  Run([&](pqxx::work& tx) { store_.Insert(tx, c); });
  Run([&](pqxx::work& tx) {
    std::optional<v1::Campaign> found = store_.Find(tx, c.campaign_id());
    ASSERT_TRUE(found.has_value());
    EXPECT_TRUE(MessageDifferencer::Equals(*found, c)) << found->DebugString();
  });
  c.set_state(v1::CAMPAIGN_STATE_ACTIVE);
  c.set_disposition_set_id("set-late");
  c.set_revision(2);
  Run([&](pqxx::work& tx) { store_.Update(tx, c); });
  Run([&](pqxx::work& tx) {
    EXPECT_EQ(store_.Find(tx, c.campaign_id(), /*for_update=*/true)->revision(), 2);
    EXPECT_EQ(store_.ListLive(tx).size(), 1u);
    EXPECT_EQ(store_.IdsUsingDispositionSet(tx, "set-late"), std::vector<std::string>{c.campaign_id()});
    EXPECT_TRUE(store_.IdsUsingDispositionSet(tx, "set-early").empty());
  });
  Run([&](pqxx::work& tx) { store_.Delete(tx, c.campaign_id()); });
  Run([&](pqxx::work& tx) { EXPECT_FALSE(store_.Find(tx, c.campaign_id()).has_value()); });
}

TEST_F(CampaignStoreTest, ListsNewestFirstInPagesThroughEveryFilter) {
  const auto kSurvey = telemarketing::common::v1::CAMPAIGN_TYPE_MARKET_SURVEY;
  const auto kPromotion = telemarketing::common::v1::CAMPAIGN_TYPE_PROMOTION;
  std::vector<v1::Campaign> all;
  for (int i = 0; i < 7; ++i) {
    all.push_back(NewCampaign(i, i == 6 ? v1::CAMPAIGN_STATE_ARCHIVED : v1::CAMPAIGN_STATE_DRAFT,
                              i % 2 == 0 ? kSurvey : kPromotion));
  }
  Run([&](pqxx::work& tx) {
    for (const v1::Campaign& c : all) store_.Insert(tx, c);
  });
  auto names = [](const std::vector<v1::Campaign>& page) {
    std::vector<std::string> out;
    for (const v1::Campaign& c : page) out.push_back(c.display_name());
    return out;
  };
  Run([&](pqxx::work& tx) {
    // Default: every state but ARCHIVED, newest first, two per page.
    CampaignStore::Page first = store_.List(tx, {}, std::nullopt, 2);
    EXPECT_EQ(names(first.campaigns), (std::vector<std::string>{"campaign 5", "campaign 4"}));
    ASSERT_TRUE(first.next.has_value());
    CampaignStore::Page second = store_.List(tx, {}, first.next, 2);
    EXPECT_EQ(names(second.campaigns), (std::vector<std::string>{"campaign 3", "campaign 2"}));
    CampaignStore::Page last = store_.List(tx, {}, second.next, 2);
    EXPECT_EQ(names(last.campaigns), (std::vector<std::string>{"campaign 1", "campaign 0"}));
    EXPECT_FALSE(last.next.has_value()) << "no page after the last";

    CampaignStore::Filter archived;
    archived.states = {v1::CAMPAIGN_STATE_ARCHIVED};
    EXPECT_EQ(names(store_.List(tx, archived, std::nullopt, 10).campaigns),
              std::vector<std::string>{"campaign 6"});
    CampaignStore::Filter surveys;
    surveys.types = {kSurvey};
    EXPECT_EQ(names(store_.List(tx, surveys, std::nullopt, 10).campaigns),
              (std::vector<std::string>{"campaign 4", "campaign 2", "campaign 0"}));
    CampaignStore::Filter by_list;
    by_list.target_list_id = "list-odd";
    EXPECT_EQ(names(store_.List(tx, by_list, std::nullopt, 10).campaigns),
              (std::vector<std::string>{"campaign 5", "campaign 3", "campaign 1"}));
    CampaignStore::Filter by_group;
    by_group.agent_group_id = "group-three";
    EXPECT_EQ(names(store_.List(tx, by_group, std::nullopt, 10).campaigns),
              (std::vector<std::string>{"campaign 3", "campaign 0"}));
  });
}

TEST_F(CampaignStoreTest, RequestRecordsAreKeyedByVerbAndRequestId) {
  Run([&](pqxx::work& tx) {
    store_.SaveRequest(tx, "create", "r1", {"00000000-0000-7000-8000-000000000001", "fp-a"});
    store_.SaveRequest(tx, "pause", "r1", {"00000000-0000-7000-8000-000000000001", "fp-b"});
  });
  Run([&](pqxx::work& tx) {
    EXPECT_EQ(store_.FindRequest(tx, "create", "r1")->fingerprint, "fp-a");
    EXPECT_EQ(store_.FindRequest(tx, "pause", "r1")->fingerprint, "fp-b");
    EXPECT_FALSE(store_.FindRequest(tx, "resume", "r1").has_value());
  });
  // The same verb and id twice is a bug of the caller: the primary key refuses it.
  absl::Status again = pool_->Transact([&](pqxx::work& tx) {
    store_.SaveRequest(tx, "create", "r1", {"00000000-0000-7000-8000-000000000001", "fp-c"});
    return absl::OkStatus();
  });
  EXPECT_FALSE(again.ok());
}

}  // namespace
}  // namespace tmk::campaigns
