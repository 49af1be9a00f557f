#include "services/campaigns/store/goal_store.h"

#include <google/protobuf/util/time_util.h>

#include <stdexcept>

#include "services/common/core/uuid.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using google::protobuf::util::TimeUtil;

namespace {

v1::Goal ParseRecord(const pqxx::field& field) {
  v1::Goal goal;
  if (!goal.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored goal record does not parse");
  }
  return goal;
}

std::optional<v1::Goal> FindRow(pqxx::work& tx, const std::string& id, bool lock) {
  if (!Uuid::Parse(id)) return std::nullopt;
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record FROM goals WHERE goal_id = $1::uuid") +
          (lock ? " FOR UPDATE" : ""),
      id);
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

std::vector<v1::Goal> Records(const pqxx::result& rows) {
  std::vector<v1::Goal> goals;
  for (const pqxx::row& row : rows) goals.push_back(ParseRecord(row[0]));
  return goals;
}

}  // namespace

std::optional<GoalStore::RequestRecord> GoalStore::FindRequest(
    pqxx::work& tx, const std::string& verb, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT goal_id::text, fingerprint FROM goal_requests WHERE verb = $1 AND request_id = $2",
      verb, request_id);
  if (rows.empty()) return std::nullopt;
  return RequestRecord{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void GoalStore::SaveRequest(pqxx::work& tx, const std::string& verb,
                            const std::string& request_id, const RequestRecord& record) const {
  tx.exec_params(
      "INSERT INTO goal_requests (verb, request_id, fingerprint, goal_id)"
      " VALUES ($1, $2, $3, $4::uuid)",
      verb, request_id, record.fingerprint, record.goal_id);
}

void GoalStore::Insert(pqxx::work& tx, const v1::Goal& goal) const {
  const std::string bytes = goal.SerializeAsString();
  tx.exec_params(
      "INSERT INTO goals (goal_id, campaign_id, scope, agent_id, record, revision, create_time,"
      " update_time) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::timestamptz,"
      " $8::timestamptz)",
      goal.goal_id(), goal.campaign_id(), static_cast<int>(goal.scope()), goal.agent_id(),
      pqxx::binarystring(bytes.data(), bytes.size()), static_cast<long long>(goal.revision()),
      TimeUtil::ToString(goal.create_time()), TimeUtil::ToString(goal.update_time()));
}

std::optional<v1::Goal> GoalStore::Find(pqxx::work& tx, const std::string& goal_id) const {
  return FindRow(tx, goal_id, /*lock=*/false);
}

std::optional<v1::Goal> GoalStore::FindForUpdate(pqxx::work& tx,
                                                 const std::string& goal_id) const {
  return FindRow(tx, goal_id, /*lock=*/true);
}

void GoalStore::Update(pqxx::work& tx, const v1::Goal& goal) const {
  const std::string bytes = goal.SerializeAsString();
  tx.exec_params(
      "UPDATE goals SET scope = $2, agent_id = $3, record = $4, revision = $5,"
      " update_time = $6::timestamptz WHERE goal_id = $1::uuid",
      goal.goal_id(), static_cast<int>(goal.scope()), goal.agent_id(),
      pqxx::binarystring(bytes.data(), bytes.size()), static_cast<long long>(goal.revision()),
      TimeUtil::ToString(goal.update_time()));
}

void GoalStore::Delete(pqxx::work& tx, const std::string& goal_id) const {
  tx.exec_params("DELETE FROM goals WHERE goal_id = $1::uuid", goal_id);
}

std::vector<v1::Goal> GoalStore::ListForCampaign(pqxx::work& tx,
                                                 const std::string& campaign_id) const {
  if (!Uuid::Parse(campaign_id)) return {};
  return Records(tx.exec_params(
      "SELECT record FROM goals WHERE campaign_id = $1::uuid ORDER BY goal_id", campaign_id));
}

std::vector<v1::Goal> GoalStore::List(pqxx::work& tx, const Filter& filter,
                                      const std::string& after_id, int limit) const {
  if (!Uuid::Parse(filter.campaign_id)) return {};
  // UUIDv7 ids sort by creation time, so the id is both the order and the cursor.
  return Records(tx.exec_params(
      "SELECT record FROM goals WHERE campaign_id = $1::uuid"
      " AND ($2 = 0 OR scope = $2) AND ($3 = '' OR agent_id = $3)"
      " AND ($4 = '' OR goal_id > NULLIF($4, '')::uuid)"
      " ORDER BY goal_id LIMIT $5",
      filter.campaign_id, filter.scope, filter.agent_id, after_id, limit));
}

}  // namespace tmk::campaigns
