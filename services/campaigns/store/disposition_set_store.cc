#include "services/campaigns/store/disposition_set_store.h"

#include <google/protobuf/util/time_util.h>

#include <stdexcept>

#include "services/common/core/uuid.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using google::protobuf::util::TimeUtil;

namespace {

v1::DispositionSet ParseRecord(const pqxx::field& field) {
  v1::DispositionSet set;
  if (!set.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored disposition set record does not parse");
  }
  return set;
}

std::optional<v1::DispositionSet> FindRow(pqxx::work& tx, const std::string& id, bool lock) {
  if (!Uuid::Parse(id)) return std::nullopt;
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record FROM disposition_sets WHERE disposition_set_id = $1::uuid") +
          (lock ? " FOR UPDATE" : ""),
      id);
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

}  // namespace

std::optional<DispositionSetStore::RequestRecord> DispositionSetStore::FindRequest(
    pqxx::work& tx, const std::string& verb, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT disposition_set_id::text, fingerprint FROM disposition_set_requests"
      " WHERE verb = $1 AND request_id = $2",
      verb, request_id);
  if (rows.empty()) return std::nullopt;
  return RequestRecord{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void DispositionSetStore::SaveRequest(pqxx::work& tx, const std::string& verb,
                                      const std::string& request_id,
                                      const RequestRecord& record) const {
  tx.exec_params(
      "INSERT INTO disposition_set_requests (verb, request_id, fingerprint, disposition_set_id)"
      " VALUES ($1, $2, $3, $4::uuid)",
      verb, request_id, record.fingerprint, record.disposition_set_id);
}

void DispositionSetStore::Insert(pqxx::work& tx, const v1::DispositionSet& set) const {
  const std::string bytes = set.SerializeAsString();
  tx.exec_params(
      "INSERT INTO disposition_sets (disposition_set_id, record, revision, create_time,"
      " update_time) VALUES ($1::uuid, $2, $3, $4::timestamptz, $5::timestamptz)",
      set.disposition_set_id(), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(set.revision()), TimeUtil::ToString(set.create_time()),
      TimeUtil::ToString(set.update_time()));
}

std::optional<v1::DispositionSet> DispositionSetStore::Find(
    pqxx::work& tx, const std::string& disposition_set_id) const {
  return FindRow(tx, disposition_set_id, /*lock=*/false);
}

std::optional<v1::DispositionSet> DispositionSetStore::FindForUpdate(
    pqxx::work& tx, const std::string& disposition_set_id) const {
  return FindRow(tx, disposition_set_id, /*lock=*/true);
}

void DispositionSetStore::Update(pqxx::work& tx, const v1::DispositionSet& set) const {
  const std::string bytes = set.SerializeAsString();
  tx.exec_params(
      "UPDATE disposition_sets SET record = $2, revision = $3, update_time = $4::timestamptz"
      " WHERE disposition_set_id = $1::uuid",
      set.disposition_set_id(), pqxx::binarystring(bytes.data(), bytes.size()),
      static_cast<long long>(set.revision()), TimeUtil::ToString(set.update_time()));
}

void DispositionSetStore::Delete(pqxx::work& tx, const std::string& disposition_set_id) const {
  tx.exec_params("DELETE FROM disposition_sets WHERE disposition_set_id = $1::uuid",
                 disposition_set_id);
}

std::vector<v1::DispositionSet> DispositionSetStore::List(pqxx::work& tx,
                                                          const std::string& after_id,
                                                          int limit) const {
  // UUIDv7 ids sort by creation time, so the id is both the order and the cursor.
  std::vector<v1::DispositionSet> page;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT record FROM disposition_sets"
           " WHERE ($1 = '' OR disposition_set_id < NULLIF($1, '')::uuid)"
           " ORDER BY disposition_set_id DESC LIMIT $2",
           after_id, limit)) {
    page.push_back(ParseRecord(row[0]));
  }
  return page;
}

}  // namespace tmk::campaigns
