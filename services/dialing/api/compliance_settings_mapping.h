#pragma once
// ComplianceSettings (dialing.v1) <-> the dialer's ComplianceRules (R20), and the settings a
// region has before anyone changed them.
#include <string>

#include "services/dialing/domain/compliance_rules.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "telemarketing/dialing/v1/compliance.pb.h"

namespace tmk::dialing {

ComplianceRules ToRules(const telemarketing::dialing::v1::ComplianceSettings& settings);
// The rule fields only; region, update time and revision are the caller's.
void SetRules(const ComplianceRules& rules, telemarketing::dialing::v1::ComplianceSettings& out);
// The legal defaults of a region nobody configured yet (revision 0).
telemarketing::dialing::v1::ComplianceSettings DefaultSettings(const std::string& region);
// The rules the region runs under now: as stored, else the defaults.
ComplianceRules RegionRules(pqxx::work& tx, const ComplianceSettingsStore& store,
                            const std::string& region);

}  // namespace tmk::dialing
