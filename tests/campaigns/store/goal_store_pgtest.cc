// Goals on a real PostgreSQL (R15): records round-trip, a campaign's goals list in creation order
// with scope and agent filters, a goal needs its campaign and goes with it.
#include "services/campaigns/store/goal_store.h"

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

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

class GoalStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
    campaign_ = AddCampaign();
  }

  // The campaigns row a goal refers to (its table is the campaign store's; only its key matters).
  std::string AddCampaign() {
    std::string id = NewId();
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  tx.exec_params(
                      "INSERT INTO campaigns (campaign_id, state, type, record, revision,"
                      " create_time, update_time) VALUES ($1::uuid, 1, 5, ''::bytea, 1, now(),"
                      " now())",
                      id);
                }).ok());
    return id;
  }

  v1::Goal NewGoal(const std::string& campaign_id, v1::GoalScope scope,
                   const std::string& agent_id = "") {
    v1::Goal goal;
    goal.set_goal_id(NewId());
    goal.set_campaign_id(campaign_id);
    goal.set_scope(scope);
    goal.set_agent_id(agent_id);
    goal.set_metric(v1::GOAL_METRIC_ORDERS);
    goal.set_target_value(100);
    *goal.mutable_create_time() = TimeUtil::SecondsToTimestamp(1'780'000'000);
    *goal.mutable_update_time() = goal.create_time();
    goal.set_revision(1);
    return goal;
  }

  std::vector<std::string> Ids(const std::vector<v1::Goal>& goals) {
    std::vector<std::string> ids;
    for (const v1::Goal& g : goals) ids.push_back(g.goal_id());
    return ids;
  }

  GoalStore store_;
  std::string campaign_;
};

TEST_F(GoalStoreTest, InsertsFindsUpdatesAndDeletes) {
  v1::Goal goal = NewGoal(campaign_, v1::GOAL_SCOPE_CAMPAIGN);
  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Insert(tx, goal); }).ok());
  std::optional<v1::Goal> found;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, goal.goal_id()); }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(*found, goal));

  goal.set_scope(v1::GOAL_SCOPE_AGENT);
  goal.set_agent_id("agent-7");
  goal.set_revision(2);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                ASSERT_TRUE(store_.FindForUpdate(tx, goal.goal_id()).has_value());
                store_.Update(tx, goal);
              }).ok());
  std::vector<v1::Goal> agent_goals;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                agent_goals = store_.List(tx, {campaign_, v1::GOAL_SCOPE_AGENT, "agent-7"}, "", 10);
              }).ok());
  ASSERT_EQ(agent_goals.size(), 1u);
  EXPECT_EQ(agent_goals[0].revision(), 2);

  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Delete(tx, goal.goal_id()); }).ok());
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, goal.goal_id()); }).ok());
  EXPECT_FALSE(found.has_value());
}

TEST_F(GoalStoreTest, ListsACampaignsGoalsOldestFirst) {
  std::string other = AddCampaign();
  std::vector<std::string> ours;
  for (int i = 0; i < 3; ++i) {
    v1::Goal goal = NewGoal(campaign_, v1::GOAL_SCOPE_CAMPAIGN);
    ours.push_back(goal.goal_id());
    v1::Goal theirs = NewGoal(other, v1::GOAL_SCOPE_CAMPAIGN);
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  store_.Insert(tx, goal);
                  store_.Insert(tx, theirs);
                }).ok());
  }
  std::vector<v1::Goal> goals;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { goals = store_.ListForCampaign(tx, campaign_); }).ok());
  EXPECT_EQ(Ids(goals), ours);
  ASSERT_TRUE(Run([&](pqxx::work& tx) { goals = store_.ListForCampaign(tx, "x"); }).ok());
  EXPECT_TRUE(goals.empty());
}

TEST_F(GoalStoreTest, PagesAndFiltersByScopeAndAgent) {
  std::vector<v1::Goal> all = {NewGoal(campaign_, v1::GOAL_SCOPE_CAMPAIGN),
                               NewGoal(campaign_, v1::GOAL_SCOPE_AGENT, "a1"),
                               NewGoal(campaign_, v1::GOAL_SCOPE_AGENT, "a2"),
                               NewGoal(campaign_, v1::GOAL_SCOPE_AGENT, "a1")};
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                for (const v1::Goal& g : all) store_.Insert(tx, g);
              }).ok());
  std::vector<v1::Goal> first, second, agents, a1;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                first = store_.List(tx, {campaign_, 0, ""}, "", 3);
                second = store_.List(tx, {campaign_, 0, ""}, first.back().goal_id(), 3);
                agents = store_.List(tx, {campaign_, v1::GOAL_SCOPE_AGENT, ""}, "", 10);
                a1 = store_.List(tx, {campaign_, 0, "a1"}, "", 10);
              }).ok());
  EXPECT_EQ(Ids(first), (std::vector<std::string>{all[0].goal_id(), all[1].goal_id(),
                                                   all[2].goal_id()}));
  EXPECT_EQ(Ids(second), std::vector<std::string>{all[3].goal_id()});
  EXPECT_EQ(agents.size(), 3u);
  EXPECT_EQ(Ids(a1), (std::vector<std::string>{all[1].goal_id(), all[3].goal_id()}));
}

TEST_F(GoalStoreTest, AGoalNeedsItsCampaignAndGoesWithIt) {
  absl::Status orphan = Run([&](pqxx::work& tx) {
    store_.Insert(tx, NewGoal(NewId(), v1::GOAL_SCOPE_CAMPAIGN));
  });
  EXPECT_EQ(orphan.code(), absl::StatusCode::kFailedPrecondition) << orphan;

  v1::Goal goal = NewGoal(campaign_, v1::GOAL_SCOPE_CAMPAIGN);
  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Insert(tx, goal); }).ok());
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                tx.exec_params("DELETE FROM campaigns WHERE campaign_id = $1::uuid", campaign_);
              }).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM goals"), "0");
}

TEST_F(GoalStoreTest, RemembersRequestsByVerb) {
  const std::string id = NewId();
  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.SaveRequest(tx, "delete", "r", {id, "fp"}); }).ok());
  std::optional<GoalStore::RequestRecord> found, other;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                found = store_.FindRequest(tx, "delete", "r");
                other = store_.FindRequest(tx, "create", "r");
              }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->goal_id, id);
  EXPECT_EQ(found->fingerprint, "fp");
  EXPECT_FALSE(other.has_value());
}

}  // namespace
}  // namespace tmk::campaigns
