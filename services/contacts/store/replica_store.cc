#include "services/contacts/store/replica_store.h"

#include <google/protobuf/util/time_util.h>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "services/contacts/store/bytea.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

nlohmann::json ClocksJson(const FieldClocks& clocks) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [path, hlc] : clocks) out[path] = {hlc.wall_millis, hlc.logical, hlc.node};
  return out;
}

FieldClocks ClocksOf(const std::string& text) {
  FieldClocks out;
  const nlohmann::json json = nlohmann::json::parse(text);
  for (const auto& [path, hlc] : json.items()) {
    out.emplace(path, HlcTimestamp{hlc.at(0).get<int64_t>(), hlc.at(1).get<uint32_t>(),
                                   hlc.at(2).get<std::string>()});
  }
  return out;
}

// The owner's lookup key as bytes: 32 bytes of HMAC-SHA-256 in hex; "" when it is not one.
std::string LookupIndex(const std::map<std::string, std::string>& keys, const std::string& id) {
  auto it = keys.find(id);
  if (it == keys.end() || it->second.size() != 64) return "";
  for (char c : it->second) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return "";
  }
  return absl::HexStringToBytes(it->second);
}

}  // namespace

std::optional<ReplicaStore::Held> ReplicaStore::Find(pqxx::work& tx,
                                                     const std::string& customer_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT c.region_id, r.customer_id IS NOT NULL, COALESCE(r.hlc_wall_millis, 0),"
      " COALESCE(r.hlc_logical, 0), COALESCE(r.hlc_node, ''), COALESCE(r.field_hlc, '{}')::text"
      " FROM customers c LEFT JOIN customer_replicas r USING (customer_id)"
      " WHERE c.customer_id = $1::uuid FOR UPDATE OF c",
      customer_id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row& r = rows[0];
  return Held{r[0].as<std::string>(), r[1].as<bool>(),
              HlcTimestamp{r[2].as<int64_t>(), r[3].as<uint32_t>(), r[4].as<std::string>()},
              ClocksOf(r[5].as<std::string>())};
}

void ReplicaStore::Upsert(pqxx::work& tx, const v1::Customer& customer,
                          const HlcTimestamp& snapshot_hlc, const FieldClocks& field_hlc,
                          const std::map<std::string, std::string>& lookup_keys,
                          TimePoint now) const {
  v1::Customer record = customer;
  record.clear_contact_points();
  const bool exists = !tx.exec_params("SELECT 1 FROM customers WHERE customer_id = $1::uuid",
                                      customer.customer_id())
                           .empty();
  if (exists) {
    customers_.Update(tx, record);  // drops the points, written again below
  } else {
    customers_.Insert(tx, record, "", "");
  }
  for (int i = 0; i < customer.contact_points_size(); ++i) {
    const v1::ContactPoint& p = customer.contact_points(i);
    std::string index = LookupIndex(lookup_keys, p.contact_point_id());
    // No number to match: an index of the point's id, unique and never equal to a number's.
    if (index.empty()) index = cipher_.ContactIndex("replica-point:" + p.contact_point_id());
    tx.exec_params(
        "INSERT INTO contact_points (contact_point_id, customer_id, position, type, sealed_value,"
        " value_index, status, source, is_primary, create_time, label, status_reason,"
        " status_call_id, status_update_time)"
        " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11, $12, $13,"
        " NULLIF($14, '')::timestamptz)",
        p.contact_point_id(), customer.customer_id(), i, static_cast<int>(p.type()),
        ByteaParam(cipher_.SealContactPoint(customer.customer_id(), p)), ByteaParam(index),
        static_cast<int>(p.status()), p.source(), p.primary(),
        TimeUtil::ToString(p.create_time()), p.label(), p.status_reason(), p.status_call_id(),
        p.has_status_update_time() ? TimeUtil::ToString(p.status_update_time()) : "");
  }
  tx.exec_params(
      "INSERT INTO customer_replicas (customer_id, owner_region_id, hlc_wall_millis, hlc_logical,"
      " hlc_node, field_hlc, receive_time)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::timestamptz)"
      " ON CONFLICT (customer_id) DO UPDATE SET owner_region_id = EXCLUDED.owner_region_id,"
      " hlc_wall_millis = EXCLUDED.hlc_wall_millis, hlc_logical = EXCLUDED.hlc_logical,"
      " hlc_node = EXCLUDED.hlc_node, field_hlc = EXCLUDED.field_hlc,"
      " receive_time = EXCLUDED.receive_time",
      customer.customer_id(), customer.region_id(), snapshot_hlc.wall_millis,
      static_cast<long long>(snapshot_hlc.logical), snapshot_hlc.node,
      ClocksJson(field_hlc).dump(),
      TimeUtil::ToString(TimeUtil::MicrosecondsToTimestamp(
          std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count())));
}

void ReplicaStore::Erase(pqxx::work& tx, const std::string& customer_id) const {
  tx.exec_params(
      "DELETE FROM customers c USING customer_replicas r"
      " WHERE c.customer_id = $1::uuid AND r.customer_id = c.customer_id",
      customer_id);
}

}  // namespace tmk::contacts
