#pragma once
// Roster messages (agent.proto) as the domain's plain types, for its rules (R19).
#include "services/dialing/domain/agent_roster_rules.h"
#include "telemarketing/dialing/v1/agent.pb.h"

namespace tmk::dialing {

Skill ToDomain(const telemarketing::dialing::v1::Skill& skill);
AgentGroup ToDomain(const telemarketing::dialing::v1::AgentGroup& group);
Agent ToDomain(const telemarketing::dialing::v1::Agent& agent);

}  // namespace tmk::dialing
