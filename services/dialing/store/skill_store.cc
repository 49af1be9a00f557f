#include "services/dialing/store/skill_store.h"

#include <google/protobuf/util/time_util.h>

#include <set>
#include <stdexcept>

#include "services/common/pg/array_literal.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

v1::Skill ParseRecord(const pqxx::field& field) {
  v1::Skill skill;
  if (!skill.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored skill record does not parse");
  }
  return skill;
}

}  // namespace

void SkillStore::Insert(pqxx::work& tx, const v1::Skill& skill) const {
  const std::string bytes = skill.SerializeAsString();
  tx.exec_params(
      "INSERT INTO skills (skill_id, record, create_time) VALUES ($1, $2, $3::timestamptz)",
      skill.skill_id(), pqxx::binarystring(bytes.data(), bytes.size()),
      TimeUtil::ToString(skill.create_time()));
}

std::optional<v1::Skill> SkillStore::Find(pqxx::work& tx, const std::string& skill_id,
                                          bool for_update) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record FROM skills WHERE skill_id = $1") +
          (for_update ? " FOR UPDATE" : ""),
      skill_id);
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

void SkillStore::Update(pqxx::work& tx, const v1::Skill& skill) const {
  const std::string bytes = skill.SerializeAsString();
  tx.exec_params("UPDATE skills SET record = $2 WHERE skill_id = $1", skill.skill_id(),
                 pqxx::binarystring(bytes.data(), bytes.size()));
}

void SkillStore::Delete(pqxx::work& tx, const std::string& skill_id) const {
  tx.exec_params("DELETE FROM skills WHERE skill_id = $1", skill_id);
}

std::vector<std::string> SkillStore::Missing(pqxx::work& tx,
                                             const std::vector<std::string>& skill_ids) const {
  std::set<std::string> found;
  if (!skill_ids.empty()) {
    for (const pqxx::row& row :
         tx.exec_params("SELECT skill_id FROM skills WHERE skill_id = ANY($1::text[])"
                        " FOR KEY SHARE",
                        pg::ArrayLiteral(skill_ids))) {
      found.insert(row[0].as<std::string>());
    }
  }
  std::vector<std::string> missing;
  for (const std::string& id : skill_ids) {
    if (found.count(id) == 0) missing.push_back(id);
  }
  return missing;
}

std::vector<v1::Skill> SkillStore::List(pqxx::work& tx, const std::string& after_id,
                                        int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM skills WHERE skill_id > $1 ORDER BY skill_id LIMIT $2", after_id, limit);
  std::vector<v1::Skill> skills;
  for (const pqxx::row& row : rows) skills.push_back(ParseRecord(row[0]));
  return skills;
}

}  // namespace tmk::dialing
