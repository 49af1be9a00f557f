#pragma once
// PostgreSQL access for skills (R19): the only place with their SQL. Skill ids are chosen by
// their creator and immutable, so the id is also the listing order and cursor.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/agent.pb.h"

namespace tmk::dialing {

class SkillStore {
 public:
  // An existing id is a unique violation (ALREADY_EXISTS through pg_errors).
  void Insert(pqxx::work& tx, const telemarketing::dialing::v1::Skill& skill) const;
  std::optional<telemarketing::dialing::v1::Skill> Find(pqxx::work& tx, const std::string& skill_id,
                                                        bool for_update = false) const;
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::Skill& skill) const;
  void Delete(pqxx::work& tx, const std::string& skill_id) const;
  // The ids among `skill_ids` that name no skill. The others are locked (KEY SHARE) until the
  // transaction ends, so DeleteSkill cannot remove a skill an agent is being given.
  std::vector<std::string> Missing(pqxx::work& tx, const std::vector<std::string>& skill_ids) const;
  // One page of ListSkills in id order, strictly after `after_id` when it is set.
  std::vector<telemarketing::dialing::v1::Skill> List(pqxx::work& tx, const std::string& after_id,
                                                      int limit) const;
};

}  // namespace tmk::dialing
