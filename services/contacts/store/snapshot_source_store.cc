#include "services/contacts/store/snapshot_source_store.h"

namespace tmk::contacts {

FieldClocks SnapshotSourceStore::FieldChanges(pqxx::work& tx,
                                              const std::string& customer_id) const {
  FieldClocks clocks;
  for (const auto& row : tx.exec_params(
           "SELECT DISTINCT ON (field_path) field_path, hlc_wall_millis, hlc_logical, hlc_node"
           " FROM profile_changes WHERE customer_id = $1::uuid"
           " ORDER BY field_path, hlc_wall_millis DESC, hlc_logical DESC, hlc_node DESC",
           customer_id)) {
    clocks.emplace(row[0].as<std::string>(),
                   HlcTimestamp{row[1].as<int64_t>(), row[2].as<uint32_t>(),
                                row[3].as<std::string>()});
  }
  return clocks;
}

std::map<std::string, std::string> SnapshotSourceStore::LookupKeys(
    pqxx::work& tx, const std::string& customer_id) const {
  std::map<std::string, std::string> keys;
  for (const auto& row : tx.exec_params(
           "SELECT contact_point_id::text, encode(value_index, 'hex') FROM contact_points"
           " WHERE customer_id = $1::uuid AND type IN (1, 2)",
           customer_id)) {
    keys.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  }
  return keys;
}

}  // namespace tmk::contacts
