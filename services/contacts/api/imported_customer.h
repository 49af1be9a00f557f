#pragma once
// Imported rows as customers (R1, R2): a converted row (domain ImportedCustomer) becomes a new
// Customer, fills a duplicate's empty fields or adds its new contact points (MERGE), and a stored
// Customer is read back as an ImportedCustomer so the merge rules can compare the two.
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/contacts/domain/import_mapping.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

// What every customer and contact point of one import carries.
struct ImportStamp {
  std::string region;
  std::string customer_source;  // "import:<job id>"
  std::string point_source;     // "import" or "import:<source name>"
  TimePoint now;
};

telemarketing::contacts::v1::Customer NewImportedCustomer(const ImportedCustomer& row,
                                                          const ImportStamp& stamp,
                                                          HybridLogicalClock& hlc,
                                                          const Clock& clock);
// Sets every field `fields` gives (a non-empty value); the others are left alone.
void FillImportedFields(const ImportedCustomer& fields,
                        telemarketing::contacts::v1::Customer& customer);
// Appends row.contact_points[i] for each i in `which`, UNVERIFIED, primary when it is the first.
void AddImportedPoints(const ImportedCustomer& row, const std::vector<size_t>& which,
                       const ImportStamp& stamp, const Clock& clock,
                       telemarketing::contacts::v1::Customer& customer);
// The fields the merge rules compare; custom attributes by key only.
ImportedCustomer ImportedFieldsOf(const telemarketing::contacts::v1::Customer& customer);

}  // namespace tmk::contacts
