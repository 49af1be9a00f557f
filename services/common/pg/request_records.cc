#include "services/common/pg/request_records.h"

#include "services/common/core/status_details.h"

namespace tmk::pg {

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

absl::Status RunIdempotent(pqxx::work& tx, const RequestRecords& records, const std::string& verb,
                           const std::string& request_id, const std::string& fingerprint,
                           const ReplayChange& replay, const MakeChange& change) {
  if (!request_id.empty()) {
    if (auto earlier = records.Find(tx, verb, request_id)) {
      if (earlier->fingerprint != fingerprint) {
        return WithReason(
            absl::AlreadyExistsError("request_id was already used for a different request"),
            "REQUEST_ID_REUSED");
      }
      return replay(tx, earlier->resource_id);
    }
  }
  std::string resource_id;
  if (absl::Status changed = change(tx, resource_id); !changed.ok()) return changed;
  if (!request_id.empty()) records.Save(tx, verb, request_id, {resource_id, fingerprint});
  return absl::OkStatus();
}

}  // namespace tmk::pg
