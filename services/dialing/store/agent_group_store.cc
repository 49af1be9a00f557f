#include "services/dialing/store/agent_group_store.h"

#include <google/protobuf/util/time_util.h>

#include <set>
#include <stdexcept>

#include "services/common/core/uuid.h"
#include "services/common/pg/array_literal.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

v1::AgentGroup ParseRecord(const pqxx::field& field) {
  v1::AgentGroup group;
  if (!group.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored agent group record does not parse");
  }
  return group;
}

}  // namespace

void AgentGroupStore::Insert(pqxx::work& tx, const v1::AgentGroup& group) const {
  const std::string bytes = group.SerializeAsString();
  tx.exec_params(
      "INSERT INTO agent_groups (agent_group_id, center_id, record, revision, create_time,"
      " update_time) VALUES ($1::uuid, $2, $3, $4, $5::timestamptz, $6::timestamptz)",
      group.agent_group_id(), group.center_id(), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(group.revision()), TimeUtil::ToString(group.create_time()),
      TimeUtil::ToString(group.update_time()));
}

std::optional<v1::AgentGroup> AgentGroupStore::Find(pqxx::work& tx,
                                                    const std::string& agent_group_id,
                                                    bool for_update) const {
  if (!Uuid::Parse(agent_group_id)) return std::nullopt;
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record FROM agent_groups WHERE agent_group_id = $1::uuid") +
          (for_update ? " FOR UPDATE" : ""),
      agent_group_id);
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

void AgentGroupStore::Update(pqxx::work& tx, const v1::AgentGroup& group) const {
  const std::string bytes = group.SerializeAsString();
  tx.exec_params(
      "UPDATE agent_groups SET center_id = $2, record = $3, revision = $4,"
      " update_time = $5::timestamptz WHERE agent_group_id = $1::uuid",
      group.agent_group_id(), group.center_id(), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(group.revision()), TimeUtil::ToString(group.update_time()));
}

void AgentGroupStore::Delete(pqxx::work& tx, const std::string& agent_group_id) const {
  tx.exec_params("DELETE FROM agent_groups WHERE agent_group_id = $1::uuid", agent_group_id);
}

std::vector<std::string> AgentGroupStore::Missing(
    pqxx::work& tx, const std::vector<std::string>& agent_group_ids) const {
  std::set<std::string> found;
  if (!agent_group_ids.empty()) {
    for (const pqxx::row& row : tx.exec_params(
             "SELECT agent_group_id::text FROM agent_groups"
             " WHERE agent_group_id = ANY($1::uuid[]) FOR KEY SHARE",
             pg::ArrayLiteral(agent_group_ids))) {
      found.insert(row[0].as<std::string>());
    }
  }
  std::vector<std::string> missing;
  for (const std::string& id : agent_group_ids) {
    if (found.count(id) == 0) missing.push_back(id);
  }
  return missing;
}

std::vector<v1::AgentGroup> AgentGroupStore::List(pqxx::work& tx, const std::string& center_id,
                                                  const std::string& after_id, int limit) const {
  // UUIDv7 ids sort by creation time, so the id is both the order and the cursor.
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM agent_groups WHERE ($1 = '' OR center_id = $1)"
      " AND ($2 = '' OR agent_group_id > NULLIF($2, '')::uuid)"
      " ORDER BY agent_group_id LIMIT $3",
      center_id, after_id, limit);
  std::vector<v1::AgentGroup> groups;
  for (const pqxx::row& row : rows) groups.push_back(ParseRecord(row[0]));
  return groups;
}

}  // namespace tmk::dialing
