#pragma once
// The agent roster (R18, R19): skills, agent groups and agents. Admins and supervisors manage it;
// every role reads it. Rules live in domain/agent_roster_rules.h, SQL in store/; every change of
// an agent publishes AgentUpdated on tm.agents.v1 in the same transaction.
#include <functional>
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/request_records.h"
#include "services/dialing/store/skill_store.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class AgentApi {
 public:
  AgentApi(server::ServiceRuntime& runtime, AgentEvents& events);

  absl::Status CreateAgent(const auth::Principal& who,
                           const telemarketing::dialing::v1::CreateAgentRequest& request,
                           telemarketing::dialing::v1::CreateAgentResponse& response);
  absl::Status GetAgent(const auth::Principal& who,
                        const telemarketing::dialing::v1::GetAgentRequest& request,
                        telemarketing::dialing::v1::GetAgentResponse& response);
  absl::Status ListAgents(const auth::Principal& who,
                          const telemarketing::dialing::v1::ListAgentsRequest& request,
                          telemarketing::dialing::v1::ListAgentsResponse& response);
  absl::Status UpdateAgent(const auth::Principal& who,
                           const telemarketing::dialing::v1::UpdateAgentRequest& request,
                           telemarketing::dialing::v1::UpdateAgentResponse& response);

  absl::Status CreateAgentGroup(const auth::Principal& who,
                                const telemarketing::dialing::v1::CreateAgentGroupRequest& request,
                                telemarketing::dialing::v1::CreateAgentGroupResponse& response);
  absl::Status GetAgentGroup(const auth::Principal& who,
                             const telemarketing::dialing::v1::GetAgentGroupRequest& request,
                             telemarketing::dialing::v1::GetAgentGroupResponse& response);
  absl::Status ListAgentGroups(const auth::Principal& who,
                               const telemarketing::dialing::v1::ListAgentGroupsRequest& request,
                               telemarketing::dialing::v1::ListAgentGroupsResponse& response);
  absl::Status UpdateAgentGroup(const auth::Principal& who,
                                const telemarketing::dialing::v1::UpdateAgentGroupRequest& request,
                                telemarketing::dialing::v1::UpdateAgentGroupResponse& response);
  absl::Status DeleteAgentGroup(const auth::Principal& who,
                                const telemarketing::dialing::v1::DeleteAgentGroupRequest& request,
                                telemarketing::dialing::v1::DeleteAgentGroupResponse& response);

  absl::Status CreateSkill(const auth::Principal& who,
                           const telemarketing::dialing::v1::CreateSkillRequest& request,
                           telemarketing::dialing::v1::CreateSkillResponse& response);
  absl::Status GetSkill(const auth::Principal& who,
                        const telemarketing::dialing::v1::GetSkillRequest& request,
                        telemarketing::dialing::v1::GetSkillResponse& response);
  absl::Status ListSkills(const auth::Principal& who,
                          const telemarketing::dialing::v1::ListSkillsRequest& request,
                          telemarketing::dialing::v1::ListSkillsResponse& response);
  absl::Status UpdateSkill(const auth::Principal& who,
                           const telemarketing::dialing::v1::UpdateSkillRequest& request,
                           telemarketing::dialing::v1::UpdateSkillResponse& response);
  absl::Status DeleteSkill(const auth::Principal& who,
                           const telemarketing::dialing::v1::DeleteSkillRequest& request,
                           telemarketing::dialing::v1::DeleteSkillResponse& response);

 private:
  absl::Status AuthorizeWrite(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who, std::string_view action) const;
  // The agent's groups and skills must exist; its employee number and login subject must not
  // belong to another agent (ALREADY_EXISTS naming which).
  absl::Status CheckAgentFits(pqxx::work& tx, const telemarketing::dialing::v1::Agent& agent,
                              const std::string& prefix) const;

  // Answers a retried request from the resource the first one produced (its id given).
  using Replay = std::function<absl::Status(pqxx::work&, const std::string& resource_id)>;
  using Change = std::function<absl::Status(pqxx::work&)>;
  // Runs `change` in one transaction, idempotent by request_id (AIP-155): a retry with the same
  // request answers through `replay`, a different request under a used key is refused, and a
  // successful change is remembered under the key with `resource_id`.
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const std::string& fingerprint, const std::string& resource_id,
                      const Replay& replay, const Change& change);

  server::ServiceRuntime& runtime_;
  AgentEvents& events_;
  AgentStore agents_;
  AgentGroupStore groups_;
  SkillStore skills_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
