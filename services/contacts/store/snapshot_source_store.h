#pragma once
// What a CustomerSnapshot of an owned customer needs beyond the record (R5, R32): the HLC of each
// field's latest change and the blind index of each phone. Both are read from what the region
// stores already, never kept twice: the profile-change history (R3) records every change of an
// owned customer with its HLC, and contact_points.value_index is the phone's keyed index.
#include <pqxx/pqxx>

#include <map>
#include <string>

#include "services/contacts/domain/update_proposal_rules.h"

namespace tmk::contacts {

class SnapshotSourceStore {
 public:
  // field path -> the latest HLC recorded for it; empty for a customer never changed.
  FieldClocks FieldChanges(pqxx::work& tx, const std::string& customer_id) const;
  // contact_point_id -> hex of its blind index, for every point of the customer.
  std::map<std::string, std::string> LookupKeys(pqxx::work& tx,
                                                const std::string& customer_id) const;
};

}  // namespace tmk::contacts
