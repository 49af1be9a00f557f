#include "services/dialing/store/agent_store.h"

#include <google/protobuf/util/time_util.h>

#include <stdexcept>

#include "services/common/core/uuid.h"
#include "services/common/pg/array_literal.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

v1::Agent ParseRecord(const pqxx::field& field) {
  v1::Agent agent;
  if (!agent.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored agent record does not parse");
  }
  return agent;
}

std::optional<v1::Agent> First(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

std::string GroupIds(const v1::Agent& agent) {
  return pg::ArrayLiteral({agent.agent_group_ids().begin(), agent.agent_group_ids().end()});
}

std::string SkillIds(const v1::Agent& agent) {
  std::vector<std::string> ids;
  for (const v1::AgentSkill& skill : agent.skills()) ids.push_back(skill.skill_id());
  return pg::ArrayLiteral(ids);
}

}  // namespace

void AgentStore::Insert(pqxx::work& tx, const v1::Agent& agent) const {
  const std::string bytes = agent.SerializeAsString();
  tx.exec_params(
      "INSERT INTO agents (agent_id, employee_number, user_id, active, agent_group_ids, skill_ids,"
      " record, revision, create_time, update_time) VALUES ($1::uuid, $2, $3, $4, $5::uuid[],"
      " $6::text[], $7, $8, $9::timestamptz, $10::timestamptz)",
      agent.agent_id(), agent.employee_number(), agent.user_id(), agent.active(), GroupIds(agent),
      SkillIds(agent), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(agent.revision()), TimeUtil::ToString(agent.create_time()),
      TimeUtil::ToString(agent.update_time()));
}

std::optional<v1::Agent> AgentStore::Find(pqxx::work& tx, const std::string& agent_id,
                                          bool for_update) const {
  if (!Uuid::Parse(agent_id)) return std::nullopt;
  return First(tx.exec_params(std::string("SELECT record FROM agents WHERE agent_id = $1::uuid") +
                                  (for_update ? " FOR UPDATE" : ""),
                              agent_id));
}

std::optional<v1::Agent> AgentStore::FindByEmployeeNumber(
    pqxx::work& tx, const std::string& employee_number) const {
  return First(
      tx.exec_params("SELECT record FROM agents WHERE employee_number = $1", employee_number));
}

std::optional<v1::Agent> AgentStore::FindByUserId(pqxx::work& tx,
                                                  const std::string& user_id) const {
  return First(tx.exec_params("SELECT record FROM agents WHERE user_id = $1", user_id));
}

void AgentStore::Update(pqxx::work& tx, const v1::Agent& agent) const {
  const std::string bytes = agent.SerializeAsString();
  tx.exec_params(
      "UPDATE agents SET employee_number = $2, user_id = $3, active = $4,"
      " agent_group_ids = $5::uuid[], skill_ids = $6::text[], record = $7, revision = $8,"
      " update_time = $9::timestamptz WHERE agent_id = $1::uuid",
      agent.agent_id(), agent.employee_number(), agent.user_id(), agent.active(), GroupIds(agent),
      SkillIds(agent), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(agent.revision()), TimeUtil::ToString(agent.update_time()));
}

bool AgentStore::AnyInGroup(pqxx::work& tx, const std::string& agent_group_id) const {
  return !tx.exec_params(
                "SELECT 1 FROM agents WHERE agent_group_ids @> ARRAY[$1::uuid] LIMIT 1",
                agent_group_id)
              .empty();
}

bool AgentStore::AnyWithSkill(pqxx::work& tx, const std::string& skill_id) const {
  return !tx.exec_params("SELECT 1 FROM agents WHERE skill_ids @> ARRAY[$1::text] LIMIT 1",
                         skill_id)
              .empty();
}

std::vector<v1::Agent> AgentStore::List(pqxx::work& tx, const Filter& filter,
                                        const std::string& after_id, int limit) const {
  // UUIDv7 ids sort by creation time, so the id is both the order and the cursor.
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM agents WHERE ($1 OR active)"
      " AND ($2 = '' OR agent_group_ids @> ARRAY[NULLIF($2, '')::uuid])"
      " AND ($3 = '' OR skill_ids @> ARRAY[$3::text])"
      " AND ($4 = '' OR agent_id > NULLIF($4, '')::uuid)"
      " ORDER BY agent_id LIMIT $5",
      filter.show_inactive, filter.agent_group_id, filter.skill_id, after_id, limit);
  std::vector<v1::Agent> agents;
  for (const pqxx::row& row : rows) agents.push_back(ParseRecord(row[0]));
  return agents;
}

}  // namespace tmk::dialing
