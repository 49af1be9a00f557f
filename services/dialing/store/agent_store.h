#pragma once
// PostgreSQL access for the agent roster (R19): the only place with its SQL. Agents are never
// deleted (set inactive), so sessions and reports keep their names.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/agent.pb.h"

namespace tmk::dialing {

class AgentStore {
 public:
  // A taken employee number or user id is a unique violation (ALREADY_EXISTS through pg_errors);
  // handlers look first to say which.
  void Insert(pqxx::work& tx, const telemarketing::dialing::v1::Agent& agent) const;
  // Nothing for an unknown id, including one that is not a UUID; `for_update` locks the row.
  std::optional<telemarketing::dialing::v1::Agent> Find(pqxx::work& tx,
                                                        const std::string& agent_id,
                                                        bool for_update = false) const;
  std::optional<telemarketing::dialing::v1::Agent> FindByEmployeeNumber(
      pqxx::work& tx, const std::string& employee_number) const;
  // The agent whose login subject (JWT sub) is `user_id`.
  std::optional<telemarketing::dialing::v1::Agent> FindByUserId(pqxx::work& tx,
                                                                const std::string& user_id) const;
  // Rewrites the record and its columns; the caller has bumped the revision and update_time.
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::Agent& agent) const;

  bool AnyInGroup(pqxx::work& tx, const std::string& agent_group_id) const;
  bool AnyWithSkill(pqxx::work& tx, const std::string& skill_id) const;

  struct Filter {
    std::string agent_group_id;  // empty: any
    std::string skill_id;        // empty: any
    bool show_inactive = false;
  };
  // One page of ListAgents, oldest first, strictly after `after_id` when it is set.
  std::vector<telemarketing::dialing::v1::Agent> List(pqxx::work& tx, const Filter& filter,
                                                      const std::string& after_id,
                                                      int limit) const;
};

}  // namespace tmk::dialing
