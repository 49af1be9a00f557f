#include "services/dialing/api/roster_mapping.h"

#include <google/protobuf/util/time_util.h>

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

Skill ToDomain(const v1::Skill& skill) {
  return {skill.skill_id(), skill.display_name(), skill.description()};
}

AgentGroup ToDomain(const v1::AgentGroup& group) {
  AgentGroup out;
  out.display_name = group.display_name();
  out.kind = static_cast<AgentGroupKind>(group.kind());
  out.center_id = group.center_id();
  out.supervisor_ids.assign(group.supervisor_ids().begin(), group.supervisor_ids().end());
  const v1::BlendingPolicy& p = group.blending_policy();
  out.blending_policy.move_to_inbound_waiting_calls = p.move_to_inbound_waiting_calls();
  out.blending_policy.move_to_inbound_wait =
      std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(p.move_to_inbound_wait()));
  out.blending_policy.return_to_outbound_after =
      std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(p.return_to_outbound_after()));
  out.blending_policy.min_inbound_agents = p.min_inbound_agents();
  return out;
}

Agent ToDomain(const v1::Agent& agent) {
  Agent out;
  out.display_name = agent.display_name();
  out.employee_number = agent.employee_number();
  out.user_id = agent.user_id();
  out.center_id = agent.center_id();
  out.agent_group_ids.assign(agent.agent_group_ids().begin(), agent.agent_group_ids().end());
  for (const v1::AgentSkill& skill : agent.skills()) {
    out.skills.push_back({skill.skill_id(), skill.level()});
  }
  out.blending_mode = static_cast<BlendingMode>(agent.blending_mode());
  out.direct_line = agent.direct_line();
  return out;
}

}  // namespace tmk::dialing
