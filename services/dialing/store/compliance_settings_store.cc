#include "services/dialing/store/compliance_settings_store.h"

#include "absl/strings/str_cat.h"
#include "services/dialing/store/record_column.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

std::optional<v1::ComplianceSettings> ComplianceSettingsStore::Find(pqxx::work& tx,
                                                                    const std::string& region,
                                                                    bool for_update) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT record FROM compliance_settings WHERE region = $1",
                   for_update ? " FOR UPDATE" : ""),
      region);
  if (r.empty()) return std::nullopt;
  return ReadRecord<v1::ComplianceSettings>(r[0][0]);
}

void ComplianceSettingsStore::Ensure(pqxx::work& tx, const v1::ComplianceSettings& initial) const {
  tx.exec_params(
      "INSERT INTO compliance_settings (region, revision, record) VALUES ($1, $2, $3)"
      " ON CONFLICT (region) DO NOTHING",
      initial.region_id(), initial.revision(), RecordBytes(initial));
}

void ComplianceSettingsStore::Put(pqxx::work& tx, const v1::ComplianceSettings& s) const {
  tx.exec_params(
      "INSERT INTO compliance_settings (region, revision, record) VALUES ($1, $2, $3)"
      " ON CONFLICT (region) DO UPDATE SET revision = EXCLUDED.revision, record = EXCLUDED.record",
      s.region_id(), s.revision(), RecordBytes(s));
}

}  // namespace tmk::dialing
