#pragma once
// PostgreSQL access for agent groups (R19): the only place with their SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/agent.pb.h"

namespace tmk::dialing {

class AgentGroupStore {
 public:
  void Insert(pqxx::work& tx, const telemarketing::dialing::v1::AgentGroup& group) const;
  // Nothing for an unknown id, including one that is not a UUID; `for_update` locks the row until
  // the transaction ends (read-modify-write).
  std::optional<telemarketing::dialing::v1::AgentGroup> Find(pqxx::work& tx,
                                                             const std::string& agent_group_id,
                                                             bool for_update = false) const;
  // Rewrites the record; the caller has bumped the revision and update_time.
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::AgentGroup& group) const;
  void Delete(pqxx::work& tx, const std::string& agent_group_id) const;
  // The ids among `agent_group_ids` (UUIDs) that name no group. The others are locked (KEY
  // SHARE) until the transaction ends, so DeleteAgentGroup cannot remove a group being joined.
  std::vector<std::string> Missing(pqxx::work& tx,
                                   const std::vector<std::string>& agent_group_ids) const;
  // One page of ListAgentGroups, oldest first, of one center when `center_id` is set.
  std::vector<telemarketing::dialing::v1::AgentGroup> List(pqxx::work& tx,
                                                           const std::string& center_id,
                                                           const std::string& after_id,
                                                           int limit) const;
};

}  // namespace tmk::dialing
