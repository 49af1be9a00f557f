#pragma once
// The agent roster (R18, R19): skills, agent groups (CSR inbound, SSR outbound, VIP account
// managers, specialists) and agents with their skill levels and blending mode. Mirrors
// telemarketing.dialing.v1 agent.proto; every check adds field violations under `prefix` (e.g.
// "agent") so a client fixes everything at once.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/core/status_details.h"

namespace tmk::dialing {

// Numeric values equal telemarketing.dialing.v1.BlendingMode.
enum class BlendingMode { kUnspecified = 0, kInboundOnly = 1, kOutboundOnly = 2, kBlended = 3 };

// Numeric values equal telemarketing.dialing.v1.AgentGroupKind.
enum class AgentGroupKind {
  kUnspecified = 0,
  kCsr = 1,
  kSsr = 2,
  kVipAccountManagers = 3,
  kSpecialist = 4,
};

// Numeric values equal telemarketing.dialing.v1.WorkMode.
enum class WorkMode { kUnspecified = 0, kInbound = 1, kOutbound = 2 };

inline constexpr int kMinSkillLevel = 1;
inline constexpr int kMaxSkillLevel = 10;

// [a-z0-9_]{1,64}: chosen by the creator, immutable, used in routing rules and reports.
bool IsSkillId(std::string_view id);

struct Skill {
  std::string skill_id;
  std::string display_name;
  std::string description;
};
void CheckSkill(const Skill& skill, std::string_view prefix, Violations& violations);

struct BlendingPolicy {
  int move_to_inbound_waiting_calls = 0;
  std::chrono::milliseconds move_to_inbound_wait{0};
  std::chrono::milliseconds return_to_outbound_after{0};
  int min_inbound_agents = 0;
};

struct AgentGroup {
  std::string display_name;
  AgentGroupKind kind = AgentGroupKind::kUnspecified;
  std::string center_id;
  std::vector<std::string> supervisor_ids;
  BlendingPolicy blending_policy;
};
void CheckAgentGroup(const AgentGroup& group, std::string_view prefix, Violations& violations);

struct SkillLevel {
  std::string skill_id;
  int level = 0;
};

struct Agent {
  std::string display_name;
  std::string employee_number;
  std::string user_id;  // the JWT "sub" of the agent's user: how a login finds its agent
  std::string center_id;
  std::vector<std::string> agent_group_ids;
  std::vector<SkillLevel> skills;
  BlendingMode blending_mode = BlendingMode::kUnspecified;
  std::string direct_line;
};
// The agent's own fields; whether its groups and skills exist is the store's to say.
void CheckAgent(const Agent& agent, std::string_view prefix, Violations& violations);

// The work a new session starts on: blended agents start outbound and are moved to inbound
// when queues load up (R18).
WorkMode InitialWorkMode(BlendingMode mode);
// Whether a session of an agent with `mode` may be assigned `work` (R18): inbound-only agents
// never take outbound work and outbound-only agents never take inbound calls.
bool WorkModeAllowed(BlendingMode mode, WorkMode work);

}  // namespace tmk::dialing
