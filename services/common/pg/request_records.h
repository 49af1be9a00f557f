#pragma once
// Idempotency of mutations by request_id (AIP-155), for any service whose schema has the
// `request_records (verb, request_id, fingerprint, resource_id)` table: the only place with that
// SQL. A record remembers which resource the first request with a key produced and that request's
// fingerprint, so a retry answers like the first call and a reuse with another request is told
// apart.
#include <pqxx/pqxx>

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"

namespace tmk::pg {

class RequestRecords {
 public:
  struct Record {
    std::string resource_id;
    std::string fingerprint;  // of the request that used the key first
  };

  // `verb` names the RPC, e.g. "CreateContactPoint", so keys of different RPCs never collide.
  std::optional<Record> Find(pqxx::work& tx, const std::string& verb,
                             const std::string& request_id) const;
  void Save(pqxx::work& tx, const std::string& verb, const std::string& request_id,
            const Record& record) const;
};

// A mutation made at most once per request_id, inside the caller's transaction: a retry with the
// same request (same fingerprint) answers through `replay` from the resource the first one
// produced, a different request under a used key is ALREADY_EXISTS (REQUEST_ID_REUSED), and a
// successful `change` is remembered with the resource it names. An empty request_id is not
// remembered.
using ReplayChange = std::function<absl::Status(pqxx::work&, const std::string& resource_id)>;
using MakeChange = std::function<absl::Status(pqxx::work&, std::string& resource_id)>;
absl::Status RunIdempotent(pqxx::work& tx, const RequestRecords& records, const std::string& verb,
                           const std::string& request_id, const std::string& fingerprint,
                           const ReplayChange& replay, const MakeChange& change);

}  // namespace tmk::pg
