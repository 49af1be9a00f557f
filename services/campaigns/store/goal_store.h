#pragma once
// PostgreSQL access for goals (R15): the only place with their SQL. The full Goal is stored as
// protobuf bytes; campaign, scope and agent columns serve the listings.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/campaigns/v1/goal.pb.h"

namespace tmk::campaigns {

class GoalStore {
 public:
  struct RequestRecord {
    std::string goal_id;
    std::string fingerprint;  // of the request that used the id first
  };

  // Idempotency by (verb, request_id), verb e.g. "create", "update", "delete".
  std::optional<RequestRecord> FindRequest(pqxx::work& tx, const std::string& verb,
                                           const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                   const RequestRecord& record) const;

  // The goal's campaign must exist (a foreign key; FAILED_PRECONDITION through pg_errors).
  void Insert(pqxx::work& tx, const telemarketing::campaigns::v1::Goal& goal) const;
  // Nothing for an unknown id, including one that is not a UUID.
  std::optional<telemarketing::campaigns::v1::Goal> Find(pqxx::work& tx,
                                                         const std::string& goal_id) const;
  // Find, locking the row until the transaction ends (read-modify-write).
  std::optional<telemarketing::campaigns::v1::Goal> FindForUpdate(pqxx::work& tx,
                                                                  const std::string& goal_id) const;
  // Rewrites the record and its columns; the caller has bumped the revision and update_time.
  void Update(pqxx::work& tx, const telemarketing::campaigns::v1::Goal& goal) const;
  void Delete(pqxx::work& tx, const std::string& goal_id) const;

  // Every goal of the campaign, oldest first (for its snapshot, R15).
  std::vector<telemarketing::campaigns::v1::Goal> ListForCampaign(
      pqxx::work& tx, const std::string& campaign_id) const;

  struct Filter {
    std::string campaign_id;  // required
    int scope = 0;            // GoalScope; 0: any
    std::string agent_id;     // empty: any
  };
  // One page of ListGoals, oldest first, strictly after `after_id` when it is set.
  std::vector<telemarketing::campaigns::v1::Goal> List(pqxx::work& tx, const Filter& filter,
                                                       const std::string& after_id,
                                                       int limit) const;
};

}  // namespace tmk::campaigns
