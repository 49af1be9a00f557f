#pragma once
// Idempotency of dialing mutations by request_id (AIP-155): the only place with that SQL. A
// record remembers which resource the first request with a key produced and that request's
// fingerprint, so a retry answers like the first call and a reuse is told apart.
#include <pqxx/pqxx>

#include <optional>
#include <string>

namespace tmk::dialing {

class RequestRecords {
 public:
  struct Record {
    std::string resource_id;
    std::string fingerprint;  // of the request that used the key first
  };

  // `verb` names the RPC, e.g. "CreateAgent", so keys of different RPCs never collide.
  std::optional<Record> Find(pqxx::work& tx, const std::string& verb,
                             const std::string& request_id) const;
  void Save(pqxx::work& tx, const std::string& verb, const std::string& request_id,
            const Record& record) const;
};

}  // namespace tmk::dialing
