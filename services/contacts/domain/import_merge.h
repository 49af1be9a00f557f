#pragma once
// DUPLICATE_POLICY_MERGE (R1, R3): an imported row that duplicates a customer fills that
// customer's empty fields and adds the contact points it does not have yet. Nothing the customer
// already holds is overwritten (the file is not more trusted than what agents recorded); each
// filled path becomes a profile change with origin IMPORT.
#include <cstddef>
#include <string>
#include <vector>

#include "services/contacts/domain/import_mapping.h"

namespace tmk::contacts {

struct ImportMergePlan {
  ImportedCustomer fills;            // only the fields to set; the others empty
  std::vector<std::string> paths;    // Customer field paths filled, in a stable order
  std::vector<size_t> new_points;    // indexes into the row's contact_points to add
  bool empty() const { return paths.empty() && new_points.empty(); }
};

// `existing`: the customer as an ImportedCustomer (its enum suffixes, residence fields, custom
// attribute keys, normalised contact points); `row`: the converted duplicate row. Kind and
// display_name are never filled: every customer already has both.
ImportMergePlan PlanImportMerge(const ImportedCustomer& existing, const ImportedCustomer& row);

}  // namespace tmk::contacts
