// Roster rules (R18, R19): skill ids and levels, group kinds, agents' required fields, blending.
#include "services/dialing/domain/agent_roster_rules.h"

#include <gtest/gtest.h>

#include <map>

namespace tmk::dialing {
namespace {

std::map<std::string, std::string> Fields(const Violations& v) {
  std::map<std::string, std::string> out;
  for (const FieldViolation& f : v.list()) out.emplace(f.field, f.description);
  return out;
}

Agent ValidAgent() {
  Agent agent;
  agent.display_name = "李娜";
  agent.employee_number = "GZ-0042";
  agent.user_id = "lina";
  agent.center_id = "gz";
  agent.agent_group_ids = {"01890a5d-ac96-774b-bcce-b302099a8057"};
  agent.skills = {{"cantonese", 8}, {"broadband", 3}};
  agent.blending_mode = BlendingMode::kBlended;
  agent.direct_line = "+86 20 8888-0042";
  return agent;
}

TEST(AgentRosterRulesTest, SkillIdsAreLowerCaseWordsOfUpTo64) {
  EXPECT_TRUE(IsSkillId("vip_care"));
  EXPECT_TRUE(IsSkillId("cantonese2"));
  EXPECT_TRUE(IsSkillId(std::string(64, 'a')));
  EXPECT_FALSE(IsSkillId(""));
  EXPECT_FALSE(IsSkillId(std::string(65, 'a')));
  EXPECT_FALSE(IsSkillId("VIP"));
  EXPECT_FALSE(IsSkillId("vip-care"));
  EXPECT_FALSE(IsSkillId("粤语"));
}

TEST(AgentRosterRulesTest, ChecksASkill) {
  Violations ok;
  CheckSkill({"vip_care", "VIP care", ""}, "skill", ok);
  EXPECT_TRUE(ok.empty());
  Violations bad;
  CheckSkill({"VIP Care", "", std::string(2001, 'x')}, "skill", bad);
  EXPECT_EQ(Fields(bad), (std::map<std::string, std::string>{
                             {"skill.skill_id", "1 to 64 of a-z, 0-9 and _"},
                             {"skill.display_name", "required"},
                             {"skill.description", "at most 2000 bytes"}}));
}

TEST(AgentRosterRulesTest, AValidAgentPasses) {
  Violations v;
  CheckAgent(ValidAgent(), "agent", v);
  EXPECT_TRUE(v.empty()) << v.list().front().field;
}

TEST(AgentRosterRulesTest, NamesEveryProblemOfAnAgent) {
  Agent agent = ValidAgent();
  agent.display_name = "";
  agent.employee_number = "GZ 42";
  agent.user_id = "";
  agent.agent_group_ids = {"group-1", "01890a5d-ac96-774b-bcce-b302099a8057",
                           "01890a5d-ac96-774b-bcce-b302099a8057"};
  agent.skills = {{"cantonese", 0}, {"Cantonese", 11}, {"cantonese", 5}};
  agent.blending_mode = BlendingMode::kUnspecified;
  agent.direct_line = "call me";
  Violations v;
  CheckAgent(agent, "agent", v);
  EXPECT_EQ(Fields(v),
            (std::map<std::string, std::string>{
                {"agent.display_name", "required"},
                {"agent.employee_number", "no spaces or control characters"},
                {"agent.user_id", "required: the agent's login subject (JWT sub)"},
                {"agent.agent_group_ids[0]", "not an agent group id (a UUID)"},
                {"agent.agent_group_ids[2]", "listed twice"},
                {"agent.skills[0].level", "1 (basic) to 10 (expert)"},
                {"agent.skills[1].skill_id", "1 to 64 of a-z, 0-9 and _"},
                {"agent.skills[1].level", "1 (basic) to 10 (expert)"},
                {"agent.skills[2].skill_id", "listed twice"},
                {"agent.blending_mode", "INBOUND_ONLY, OUTBOUND_ONLY or BLENDED"},
                {"agent.direct_line", "digits, spaces, + and - only"}}));
}

TEST(AgentRosterRulesTest, ChecksAGroup) {
  AgentGroup group;
  group.display_name = "Broadband SSR";
  group.kind = AgentGroupKind::kSsr;
  group.center_id = "gz";
  group.supervisor_ids = {"wang"};
  Violations ok;
  CheckAgentGroup(group, "agent_group", ok);
  EXPECT_TRUE(ok.empty());

  group.kind = AgentGroupKind::kUnspecified;
  group.supervisor_ids = {"wang", "wang", ""};
  group.blending_policy.min_inbound_agents = -1;
  group.blending_policy.move_to_inbound_wait = std::chrono::milliseconds(-5);
  Violations bad;
  CheckAgentGroup(group, "agent_group", bad);
  EXPECT_EQ(Fields(bad),
            (std::map<std::string, std::string>{
                {"agent_group.kind", "CSR, SSR, VIP_ACCOUNT_MANAGERS or SPECIALIST"},
                {"agent_group.supervisor_ids[1]", "listed twice"},
                {"agent_group.supervisor_ids[2]", "1 to 256 bytes: the supervisor's user id"},
                {"agent_group.blending_policy.move_to_inbound_wait", "must not be negative"},
                {"agent_group.blending_policy.min_inbound_agents", "must not be negative"}}));
}

TEST(AgentRosterRulesTest, BlendingDecidesTheWorkASessionMayTake) {
  EXPECT_EQ(InitialWorkMode(BlendingMode::kInboundOnly), WorkMode::kInbound);
  EXPECT_EQ(InitialWorkMode(BlendingMode::kOutboundOnly), WorkMode::kOutbound);
  EXPECT_EQ(InitialWorkMode(BlendingMode::kBlended), WorkMode::kOutbound);
  EXPECT_TRUE(WorkModeAllowed(BlendingMode::kBlended, WorkMode::kInbound));
  EXPECT_TRUE(WorkModeAllowed(BlendingMode::kBlended, WorkMode::kOutbound));
  EXPECT_FALSE(WorkModeAllowed(BlendingMode::kInboundOnly, WorkMode::kOutbound));
  EXPECT_FALSE(WorkModeAllowed(BlendingMode::kOutboundOnly, WorkMode::kInbound));
  EXPECT_FALSE(WorkModeAllowed(BlendingMode::kBlended, WorkMode::kUnspecified));
}

}  // namespace
}  // namespace tmk::dialing
