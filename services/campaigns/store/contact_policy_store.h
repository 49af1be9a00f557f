#pragma once
// PostgreSQL access for the region's contact policy (R10, R20): the only place with its SQL. The
// full ContactPolicy is stored as protobuf bytes, one row per region.
#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "telemarketing/campaigns/v1/calling_windows.pb.h"

namespace tmk::campaigns {

class ContactPolicyStore {
 public:
  struct RequestRecord {
    std::string region_id;
    std::string fingerprint;  // of the request that used the id first
  };

  std::optional<RequestRecord> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& request_id,
                   const RequestRecord& record) const;

  // The stored policy, or the defaults (legal bounds 08:00-21:00 daily, the R10 default windows,
  // no holidays, no caps) with revision 0 when none is stored. region_id is always `region`.
  telemarketing::campaigns::v1::ContactPolicy Get(pqxx::work& tx, const std::string& region) const;

  // Stores `policy` (its region_id, revision and record; `update_time` in RFC 3339) if the stored
  // revision is still `expected_revision` (0: none stored yet); false when another change came
  // first.
  bool Save(pqxx::work& tx, const telemarketing::campaigns::v1::ContactPolicy& policy,
            long long expected_revision, const std::string& update_time) const;
};

}  // namespace tmk::campaigns
