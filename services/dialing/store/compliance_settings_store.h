#pragma once
// PostgreSQL access for the region's compliance settings (R20): the only place with their SQL.
// One row per region; absent until the first update, when the legal defaults apply.
#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "telemarketing/dialing/v1/compliance.pb.h"

namespace tmk::dialing {

class ComplianceSettingsStore {
 public:
  std::optional<telemarketing::dialing::v1::ComplianceSettings> Find(
      pqxx::work& tx, const std::string& region, bool for_update = false) const;
  // Stores `initial` unless the region has settings; either way the row exists afterwards, so an
  // update can lock it (two first updates never both succeed against revision 0).
  void Ensure(pqxx::work& tx, const telemarketing::dialing::v1::ComplianceSettings& initial) const;
  void Put(pqxx::work& tx, const telemarketing::dialing::v1::ComplianceSettings& settings) const;
};

}  // namespace tmk::dialing
