#include "services/dialing/domain/agent_roster_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"

namespace tmk::dialing {
namespace {

constexpr size_t kMaxSkillId = 64;
constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxDescription = 2000;
constexpr size_t kMaxEmployeeNumber = 64;
constexpr size_t kMaxUserId = 256;
constexpr size_t kMaxCenterId = 64;
constexpr size_t kMaxDirectLine = 32;

std::string Field(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  return absl::StrCat(std::string(prefix), ".", std::string(name));
}

void CheckDisplayName(const std::string& name, const std::string& field, Violations& v) {
  if (name.empty()) v.Add(field, "required");
  if (name.size() > kMaxDisplayName) {
    v.Add(field, absl::StrCat("at most ", kMaxDisplayName, " bytes"));
  }
}

bool HasSpaceOrControl(std::string_view text) {
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Center ids name the province center or a city center (R19), e.g. "gd-province", "gz".
void CheckCenterId(const std::string& id, const std::string& field, Violations& v) {
  if (id.size() > kMaxCenterId) v.Add(field, absl::StrCat("at most ", kMaxCenterId, " bytes"));
  if (HasSpaceOrControl(id)) v.Add(field, "no spaces or control characters");
}

void CheckNonNegative(long long value, const std::string& field, Violations& v) {
  if (value < 0) v.Add(field, "must not be negative");
}

}  // namespace

bool IsSkillId(std::string_view id) {
  if (id.empty() || id.size() > kMaxSkillId) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void CheckSkill(const Skill& skill, std::string_view prefix, Violations& v) {
  const std::string id_field = Field(prefix, "skill_id");
  if (skill.skill_id.empty()) {
    v.Add(id_field, "required");
  } else if (!IsSkillId(skill.skill_id)) {
    v.Add(id_field, "1 to 64 of a-z, 0-9 and _");
  }
  CheckDisplayName(skill.display_name, Field(prefix, "display_name"), v);
  if (skill.description.size() > kMaxDescription) {
    v.Add(Field(prefix, "description"), absl::StrCat("at most ", kMaxDescription, " bytes"));
  }
}

void CheckAgentGroup(const AgentGroup& group, std::string_view prefix, Violations& v) {
  CheckDisplayName(group.display_name, Field(prefix, "display_name"), v);
  const int kind = static_cast<int>(group.kind);
  if (kind <= static_cast<int>(AgentGroupKind::kUnspecified) ||
      kind > static_cast<int>(AgentGroupKind::kSpecialist)) {
    v.Add(Field(prefix, "kind"), "CSR, SSR, VIP_ACCOUNT_MANAGERS or SPECIALIST");
  }
  CheckCenterId(group.center_id, Field(prefix, "center_id"), v);
  std::set<std::string> seen;
  for (size_t i = 0; i < group.supervisor_ids.size(); ++i) {
    const std::string& id = group.supervisor_ids[i];
    const std::string field = absl::StrCat(Field(prefix, "supervisor_ids"), "[", i, "]");
    if (id.empty() || id.size() > kMaxUserId) {
      v.Add(field, absl::StrCat("1 to ", kMaxUserId, " bytes: the supervisor's user id"));
    } else if (!seen.insert(id).second) {
      v.Add(field, "listed twice");
    }
  }
  const BlendingPolicy& p = group.blending_policy;
  const std::string policy = Field(prefix, "blending_policy");
  CheckNonNegative(p.move_to_inbound_waiting_calls,
                   Field(policy, "move_to_inbound_waiting_calls"), v);
  CheckNonNegative(p.move_to_inbound_wait.count(), Field(policy, "move_to_inbound_wait"), v);
  CheckNonNegative(p.return_to_outbound_after.count(), Field(policy, "return_to_outbound_after"),
                   v);
  CheckNonNegative(p.min_inbound_agents, Field(policy, "min_inbound_agents"), v);
}

void CheckAgent(const Agent& agent, std::string_view prefix, Violations& v) {
  CheckDisplayName(agent.display_name, Field(prefix, "display_name"), v);
  const std::string employee = Field(prefix, "employee_number");
  if (agent.employee_number.empty()) v.Add(employee, "required");
  if (agent.employee_number.size() > kMaxEmployeeNumber) {
    v.Add(employee, absl::StrCat("at most ", kMaxEmployeeNumber, " bytes"));
  }
  if (HasSpaceOrControl(agent.employee_number)) {
    v.Add(employee, "no spaces or control characters");
  }
  const std::string user = Field(prefix, "user_id");
  if (agent.user_id.empty()) v.Add(user, "required: the agent's login subject (JWT sub)");
  if (agent.user_id.size() > kMaxUserId) {
    v.Add(user, absl::StrCat("at most ", kMaxUserId, " bytes"));
  }
  CheckCenterId(agent.center_id, Field(prefix, "center_id"), v);

  std::set<std::string> groups;
  for (size_t i = 0; i < agent.agent_group_ids.size(); ++i) {
    const std::string& id = agent.agent_group_ids[i];
    const std::string field = absl::StrCat(Field(prefix, "agent_group_ids"), "[", i, "]");
    if (!Uuid::Parse(id)) {
      v.Add(field, "not an agent group id (a UUID)");
    } else if (!groups.insert(id).second) {
      v.Add(field, "listed twice");
    }
  }
  std::set<std::string> skills;
  for (size_t i = 0; i < agent.skills.size(); ++i) {
    const SkillLevel& skill = agent.skills[i];
    const std::string field = absl::StrCat(Field(prefix, "skills"), "[", i, "]");
    if (!IsSkillId(skill.skill_id)) {
      v.Add(field + ".skill_id", "1 to 64 of a-z, 0-9 and _");
    } else if (!skills.insert(skill.skill_id).second) {
      v.Add(field + ".skill_id", "listed twice");
    }
    if (skill.level < kMinSkillLevel || skill.level > kMaxSkillLevel) {
      v.Add(field + ".level",
            absl::StrCat(kMinSkillLevel, " (basic) to ", kMaxSkillLevel, " (expert)"));
    }
  }
  const int mode = static_cast<int>(agent.blending_mode);
  if (mode <= static_cast<int>(BlendingMode::kUnspecified) ||
      mode > static_cast<int>(BlendingMode::kBlended)) {
    v.Add(Field(prefix, "blending_mode"), "INBOUND_ONLY, OUTBOUND_ONLY or BLENDED");
  }
  const std::string line = Field(prefix, "direct_line");
  if (agent.direct_line.size() > kMaxDirectLine) {
    v.Add(line, absl::StrCat("at most ", kMaxDirectLine, " characters"));
  }
  for (char c : agent.direct_line) {
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ')) {
      v.Add(line, "digits, spaces, + and - only");
      break;
    }
  }
}

WorkMode InitialWorkMode(BlendingMode mode) {
  return mode == BlendingMode::kInboundOnly ? WorkMode::kInbound : WorkMode::kOutbound;
}

bool WorkModeAllowed(BlendingMode mode, WorkMode work) {
  switch (mode) {
    case BlendingMode::kInboundOnly: return work == WorkMode::kInbound;
    case BlendingMode::kOutboundOnly: return work == WorkMode::kOutbound;
    case BlendingMode::kBlended:
      return work == WorkMode::kInbound || work == WorkMode::kOutbound;
    case BlendingMode::kUnspecified: return false;
  }
  return false;
}

}  // namespace tmk::dialing
