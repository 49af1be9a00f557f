#pragma once
// PostgreSQL access for disposition sets (R11, R12): the only place with their SQL. The full
// DispositionSet is stored as protobuf bytes; the columns beside it serve listing and concurrency.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/campaigns/v1/disposition.pb.h"

namespace tmk::campaigns {

class DispositionSetStore {
 public:
  struct RequestRecord {
    std::string disposition_set_id;
    std::string fingerprint;  // of the request that used the id first
  };

  // Idempotency by (verb, request_id), verb e.g. "create", "update", "delete".
  std::optional<RequestRecord> FindRequest(pqxx::work& tx, const std::string& verb,
                                           const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                   const RequestRecord& record) const;

  void Insert(pqxx::work& tx, const telemarketing::campaigns::v1::DispositionSet& set) const;
  // Nothing for an unknown id, including one that is not a UUID (campaigns name sets by text).
  std::optional<telemarketing::campaigns::v1::DispositionSet> Find(
      pqxx::work& tx, const std::string& disposition_set_id) const;
  // Find, locking the row until the transaction ends (read-modify-write).
  std::optional<telemarketing::campaigns::v1::DispositionSet> FindForUpdate(
      pqxx::work& tx, const std::string& disposition_set_id) const;
  // Rewrites the record; the caller has bumped the revision and update_time.
  void Update(pqxx::work& tx, const telemarketing::campaigns::v1::DispositionSet& set) const;
  void Delete(pqxx::work& tx, const std::string& disposition_set_id) const;

  // Newest first, strictly after `after_id` when it is set.
  std::vector<telemarketing::campaigns::v1::DispositionSet> List(pqxx::work& tx,
                                                                 const std::string& after_id,
                                                                 int limit) const;
};

}  // namespace tmk::campaigns
