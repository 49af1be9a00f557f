#include "services/contacts/store/customer_history_store.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/pg/array_literal.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

void CustomerHistoryStore::Append(pqxx::work& tx, const v1::ProfileChange& c) const {
  const std::string sealed = cipher_.SealChangeValues(c);
  tx.exec_params(
      "INSERT INTO profile_changes (change_id, customer_id, field_path, sealed_values,"
      " actor_id, actor_role, actor_region, call_id, campaign_id, reason, origin, region_id,"
      " change_time, hlc_wall_millis, hlc_logical, hlc_node)"
      " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz,"
      " $14, $15, $16)",
      c.change_id(), c.customer_id(), c.field_path(),
      pqxx::binarystring(sealed.data(), sealed.size()), c.actor().actor_id(),
      static_cast<int>(c.actor().role()), c.actor().region_id(), c.call_id(), c.campaign_id(),
      c.reason(),
      static_cast<int>(c.origin()), c.region_id(), TimeUtil::ToString(c.change_time()),
      c.hlc().wall_time_millis(), static_cast<long long>(c.hlc().logical()), c.hlc().node());
}

std::vector<v1::ProfileChange> CustomerHistoryStore::List(
    pqxx::work& tx, const std::string& customer_id, const std::vector<std::string>& field_paths,
    const std::string& before_change_id, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT change_id::text, field_path, sealed_values, actor_id,"
      " actor_role, actor_region, call_id, campaign_id, reason, origin, region_id,"
      " to_char(change_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
      " hlc_wall_millis, hlc_logical, hlc_node, customer_id::text"
      " FROM profile_changes WHERE customer_id = $1::uuid"
      " AND ($2 = '' OR change_id < NULLIF($2, '')::uuid)"
      " AND (cardinality($3::text[]) = 0 OR EXISTS (SELECT 1 FROM unnest($3::text[]) f"
      "      WHERE field_path = f OR starts_with(field_path, f || '.')))"
      " ORDER BY change_id DESC LIMIT $4",
      customer_id, before_change_id, pg::ArrayLiteral(field_paths), limit);
  std::vector<v1::ProfileChange> out;
  for (const auto& row : rows) {
    v1::ProfileChange& c = out.emplace_back();
    c.set_change_id(row[0].as<std::string>());
    c.set_customer_id(row[15].as<std::string>());  // canonical text: it is sealed with it
    c.set_field_path(row[1].as<std::string>());
    cipher_.OpenChangeValues(pqxx::binarystring(row[2]).str(), c);
    c.mutable_actor()->set_actor_id(row[3].as<std::string>());
    c.mutable_actor()->set_role(static_cast<telemarketing::common::v1::Role>(row[4].as<int>()));
    c.mutable_actor()->set_region_id(row[5].as<std::string>());
    c.set_call_id(row[6].as<std::string>());
    c.set_campaign_id(row[7].as<std::string>());
    c.set_reason(row[8].as<std::string>());
    c.set_origin(static_cast<v1::ChangeOrigin>(row[9].as<int>()));
    c.set_region_id(row[10].as<std::string>());
    TimeUtil::FromString(row[11].as<std::string>(), c.mutable_change_time());
    c.mutable_hlc()->set_wall_time_millis(row[12].as<long long>());
    c.mutable_hlc()->set_logical(row[13].as<int>());
    c.mutable_hlc()->set_node(row[14].as<std::string>());
  }
  return out;
}

}  // namespace tmk::contacts
