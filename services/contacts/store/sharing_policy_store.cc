#include "services/contacts/store/sharing_policy_store.h"

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

namespace tmk::contacts {
namespace {

using google::protobuf::util::TimeUtil;

// SharingMode as stored: the numbers of telemarketing.contacts.v1.SharingMode.
int ModeNumber(SharingMode mode) {
  switch (mode) {
    case SharingMode::kShare: return 1;
    case SharingMode::kMask: return 2;
    case SharingMode::kWithhold: return 3;
  }
  return 1;
}
SharingMode ModeOf(int number) {
  return number == 2 ? SharingMode::kMask
                     : number == 3 ? SharingMode::kWithhold : SharingMode::kShare;
}

std::string TimeText(TimePoint t) {
  return TimeUtil::ToString(TimeUtil::MicrosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count()));
}

}  // namespace

std::optional<StoredSharingPolicy> SharingPolicyStore::Load(pqxx::transaction_base& tx) const {
  pqxx::result rows = tx.exec(
      "SELECT rules::text, default_mode, etag, updated_by, updated_by_role,"
      " (extract(epoch FROM update_time) * 1000000)::bigint, hlc_wall_millis, hlc_logical,"
      " hlc_node FROM sharing_policy");
  if (rows.empty()) return std::nullopt;
  const pqxx::row& r = rows[0];
  StoredSharingPolicy out;
  for (const auto& rule : nlohmann::json::parse(r[0].as<std::string>())) {
    out.policy.rules.push_back(
        {rule.at("field_path").get<std::string>(), ModeOf(rule.at("mode").get<int>())});
  }
  out.policy.default_mode = ModeOf(r[1].as<int>());
  out.etag = r[2].as<std::string>();
  out.updated_by = r[3].as<std::string>();
  out.updated_by_role = r[4].as<int>();
  out.update_time = TimePoint(std::chrono::microseconds(r[5].as<long long>()));
  out.hlc = HlcTimestamp{r[6].as<int64_t>(), r[7].as<uint32_t>(), r[8].as<std::string>()};
  return out;
}

void SharingPolicyStore::Save(pqxx::work& tx, const StoredSharingPolicy& s) const {
  nlohmann::json rules = nlohmann::json::array();
  for (const SharingRule& rule : s.policy.rules) {
    rules.push_back({{"field_path", rule.field_path}, {"mode", ModeNumber(rule.mode)}});
  }
  tx.exec_params(
      "INSERT INTO sharing_policy (singleton, rules, default_mode, etag, updated_by,"
      " updated_by_role, update_time, hlc_wall_millis, hlc_logical, hlc_node)"
      " VALUES (true, $1::jsonb, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9)"
      " ON CONFLICT (singleton) DO UPDATE SET rules = EXCLUDED.rules,"
      " default_mode = EXCLUDED.default_mode, etag = EXCLUDED.etag,"
      " updated_by = EXCLUDED.updated_by, updated_by_role = EXCLUDED.updated_by_role,"
      " update_time = EXCLUDED.update_time, hlc_wall_millis = EXCLUDED.hlc_wall_millis,"
      " hlc_logical = EXCLUDED.hlc_logical, hlc_node = EXCLUDED.hlc_node",
      rules.dump(), ModeNumber(s.policy.default_mode), s.etag, s.updated_by, s.updated_by_role,
      TimeText(s.update_time), s.hlc.wall_millis, static_cast<long long>(s.hlc.logical),
      s.hlc.node);
  tx.exec_params("INSERT INTO sharing_republish (start_time) VALUES ($1::timestamptz)",
                 TimeText(s.update_time));
}

std::set<std::string> SharingPolicyStore::PersonalAttributeKeys(
    pqxx::transaction_base& tx) const {
  std::set<std::string> keys;
  for (const auto& row :
       tx.exec("SELECT attribute_key FROM attribute_definitions WHERE personal_data")) {
    keys.insert(row[0].as<std::string>());
  }
  return keys;
}

std::optional<std::string> SharingPolicyStore::FindRequest(pqxx::work& tx,
                                                           const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT fingerprint FROM sharing_policy_requests WHERE request_id = $1", request_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void SharingPolicyStore::SaveRequest(pqxx::work& tx, const std::string& request_id,
                                     const std::string& fingerprint) const {
  tx.exec_params("INSERT INTO sharing_policy_requests (request_id, fingerprint) VALUES ($1, $2)",
                 request_id, fingerprint);
}

std::optional<SharingPolicyStore::Republish> SharingPolicyStore::PendingRepublish(
    pqxx::work& tx) const {
  // Only the latest run matters: it republishes everything under the current policy.
  tx.exec(
      "UPDATE sharing_republish SET finish_time = start_time WHERE finish_time IS NULL"
      " AND republish_id < (SELECT max(republish_id) FROM sharing_republish)");
  pqxx::result rows = tx.exec(
      "SELECT republish_id, COALESCE(after_id::text, ''), published FROM sharing_republish"
      " WHERE finish_time IS NULL ORDER BY republish_id DESC LIMIT 1 FOR UPDATE SKIP LOCKED");
  if (rows.empty()) return std::nullopt;
  return Republish{rows[0][0].as<long long>(), rows[0][1].as<std::string>(),
                   rows[0][2].as<long long>()};
}

std::vector<std::string> SharingPolicyStore::OwnedIdsAfter(pqxx::work& tx,
                                                           const std::string& region,
                                                           const std::string& after_id,
                                                           int limit) const {
  std::vector<std::string> ids;
  for (const auto& row : tx.exec_params(
           "SELECT customer_id::text FROM customers WHERE region_id = $1"
           " AND ($2 = '' OR customer_id > NULLIF($2, '')::uuid)"
           " ORDER BY customer_id LIMIT $3",
           region, after_id, limit)) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

void SharingPolicyStore::Advance(pqxx::work& tx, long long republish_id,
                                 const std::string& last_id, long long count,
                                 TimePoint now) const {
  tx.exec_params(
      "UPDATE sharing_republish SET after_id = COALESCE(NULLIF($2, '')::uuid, after_id),"
      " published = published + $3,"
      " finish_time = CASE WHEN $2 = '' THEN $4::timestamptz END"
      " WHERE republish_id = $1",
      republish_id, last_id, count, TimeText(now));
}

}  // namespace tmk::contacts
