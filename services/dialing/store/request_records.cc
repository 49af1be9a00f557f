#include "services/dialing/store/request_records.h"

namespace tmk::dialing {

std::optional<RequestRecords::Record> RequestRecords::Find(pqxx::work& tx, const std::string& verb,
                                                           const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT resource_id, fingerprint FROM request_records WHERE verb = $1 AND request_id = $2",
      verb, request_id);
  if (rows.empty()) return std::nullopt;
  return Record{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void RequestRecords::Save(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                          const Record& record) const {
  tx.exec_params(
      "INSERT INTO request_records (verb, request_id, fingerprint, resource_id)"
      " VALUES ($1, $2, $3, $4)",
      verb, request_id, record.fingerprint, record.resource_id);
}

}  // namespace tmk::dialing
