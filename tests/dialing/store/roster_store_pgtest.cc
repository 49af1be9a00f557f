// The roster on a real PostgreSQL (R19): skills, groups and agents round-trip, unique employee
// numbers and login subjects, references found for deletes, listings page with their filters,
// request records for idempotency.
#include <google/protobuf/util/message_differencer.h>

#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/request_records.h"
#include "services/dialing/store/skill_store.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::MessageDifferencer;

class RosterStoreTest : public testing::DialingStoreTest {
 protected:
  std::string AddGroup(const std::string& center) {
    v1::AgentGroup group;
    group.set_agent_group_id(NewId());
    group.set_display_name("group of " + center);
    group.set_kind(v1::AGENT_GROUP_KIND_SSR);
    group.set_center_id(center);
    group.set_revision(1);
    EXPECT_TRUE(Run([&](pqxx::work& tx) { groups_.Insert(tx, group); }).ok());
    return group.agent_group_id();
  }

  SkillStore skills_;
  AgentGroupStore groups_;
  AgentStore agents_;
};

TEST_F(RosterStoreTest, SkillsRoundTripListInIdOrderAndReportMissingIds) {
  for (const char* id : {"vip_care", "cantonese", "broadband"}) {
    v1::Skill skill;
    skill.set_skill_id(id);
    skill.set_display_name(id);
    ASSERT_TRUE(Run([&](pqxx::work& tx) { skills_.Insert(tx, skill); }).ok());
  }
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                std::optional<v1::Skill> found = skills_.Find(tx, "cantonese");
                ASSERT_TRUE(found);
                found->set_description("粤语");
                skills_.Update(tx, *found);
                EXPECT_EQ(skills_.Find(tx, "cantonese")->description(), "粤语");
                EXPECT_FALSE(skills_.Find(tx, "mandarin"));

                std::vector<v1::Skill> first = skills_.List(tx, "", 2);
                ASSERT_EQ(first.size(), 2u);
                EXPECT_EQ(first[0].skill_id(), "broadband");
                EXPECT_EQ(first[1].skill_id(), "cantonese");
                std::vector<v1::Skill> rest = skills_.List(tx, "cantonese", 2);
                ASSERT_EQ(rest.size(), 1u);
                EXPECT_EQ(rest[0].skill_id(), "vip_care");

                EXPECT_EQ(skills_.Missing(tx, {"mandarin", "vip_care", "hakka"}),
                          (std::vector<std::string>{"mandarin", "hakka"}));
                skills_.Delete(tx, "vip_care");
                EXPECT_FALSE(skills_.Find(tx, "vip_care"));
              }).ok());
  v1::Skill again;
  again.set_skill_id("broadband");
  absl::Status duplicate = Run([&](pqxx::work& tx) { skills_.Insert(tx, again); });
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(RosterStoreTest, GroupsRoundTripAndListByCenter) {
  const std::string gz1 = AddGroup("gz");
  const std::string sz = AddGroup("sz");
  const std::string gz2 = AddGroup("gz");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                std::optional<v1::AgentGroup> group = groups_.Find(tx, gz1, /*for_update=*/true);
                ASSERT_TRUE(group);
                group->set_center_id("fs");
                group->set_revision(2);
                groups_.Update(tx, *group);
                EXPECT_TRUE(MessageDifferencer::Equals(*groups_.Find(tx, gz1), *group));
                EXPECT_FALSE(groups_.Find(tx, "not-a-uuid"));

                std::vector<v1::AgentGroup> gz = groups_.List(tx, "gz", "", 10);
                ASSERT_EQ(gz.size(), 1u);
                EXPECT_EQ(gz[0].agent_group_id(), gz2);
                std::vector<v1::AgentGroup> all = groups_.List(tx, "", gz1, 10);
                ASSERT_EQ(all.size(), 2u);
                EXPECT_EQ(all[0].agent_group_id(), sz);

                const std::string unknown = NewId();
                EXPECT_EQ(groups_.Missing(tx, {sz, unknown}), std::vector<std::string>{unknown});
                groups_.Delete(tx, sz);
                EXPECT_FALSE(groups_.Find(tx, sz));
              }).ok());
}

TEST_F(RosterStoreTest, AgentsAreUniqueByEmployeeNumberAndLoginAndListByGroupAndSkill) {
  const std::string ssr = AddGroup("gz");
  v1::Agent a = NewAgent("E1", {ssr}, {"cantonese"});
  v1::Agent b = NewAgent("E2", {}, {"broadband"});
  v1::Agent c = NewAgent("E3", {ssr}, {"broadband"});
  c.set_active(false);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                for (const v1::Agent& agent : {a, b, c}) agents_.Insert(tx, agent);
              }).ok());

  v1::Agent same_number = NewAgent("E1");
  EXPECT_EQ(Run([&](pqxx::work& tx) { agents_.Insert(tx, same_number); }).code(),
            absl::StatusCode::kAlreadyExists);
  v1::Agent same_login = NewAgent("E9");
  same_login.set_user_id(a.user_id());
  EXPECT_EQ(Run([&](pqxx::work& tx) { agents_.Insert(tx, same_login); }).code(),
            absl::StatusCode::kAlreadyExists);

  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_TRUE(MessageDifferencer::Equals(*agents_.Find(tx, a.agent_id()), a));
                EXPECT_EQ(agents_.FindByEmployeeNumber(tx, "E2")->agent_id(), b.agent_id());
                EXPECT_EQ(agents_.FindByUserId(tx, "user-E3")->agent_id(), c.agent_id());
                EXPECT_FALSE(agents_.FindByUserId(tx, "nobody"));

                auto ids = [&](const AgentStore::Filter& filter) {
                  std::vector<std::string> out;
                  for (const v1::Agent& agent : agents_.List(tx, filter, "", 10)) {
                    out.push_back(agent.agent_id());
                  }
                  return out;
                };
                using Ids = std::vector<std::string>;
                EXPECT_EQ(ids({}), (Ids{a.agent_id(), b.agent_id()}));
                EXPECT_EQ(ids({"", "", true}), (Ids{a.agent_id(), b.agent_id(), c.agent_id()}));
                EXPECT_EQ(ids({ssr, "", true}), (Ids{a.agent_id(), c.agent_id()}));
                EXPECT_EQ(ids({"", "broadband", false}), Ids{b.agent_id()});
                EXPECT_EQ(agents_.List(tx, {"", "", true}, a.agent_id(), 1).front().agent_id(),
                          b.agent_id());

                EXPECT_TRUE(agents_.AnyInGroup(tx, ssr));
                EXPECT_TRUE(agents_.AnyWithSkill(tx, "cantonese"));
                EXPECT_FALSE(agents_.AnyWithSkill(tx, "vip_care"));

                v1::Agent moved = a;
                moved.clear_agent_group_ids();
                moved.clear_skills();
                moved.set_revision(2);
                agents_.Update(tx, moved);
                EXPECT_FALSE(agents_.AnyWithSkill(tx, "cantonese"));
                EXPECT_EQ(agents_.Find(tx, a.agent_id())->revision(), 2);
              }).ok());
}

TEST_F(RosterStoreTest, RequestRecordsRememberTheFirstRequestPerVerb) {
  RequestRecords records;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_FALSE(records.Find(tx, "CreateAgent", "r1"));
                records.Save(tx, "CreateAgent", "r1", {"agent-1", "fp"});
                records.Save(tx, "CreateSkill", "r1", {"skill-1", "fp2"});
                std::optional<RequestRecords::Record> found = records.Find(tx, "CreateAgent", "r1");
                ASSERT_TRUE(found);
                EXPECT_EQ(found->resource_id, "agent-1");
                EXPECT_EQ(found->fingerprint, "fp");
                EXPECT_EQ(records.Find(tx, "CreateSkill", "r1")->resource_id, "skill-1");
              }).ok());
}

}  // namespace
}  // namespace tmk::dialing
