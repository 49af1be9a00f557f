#pragma once
// The searchable columns derived from a customer record, written the same way by the single-row
// insert/update (CustomerStore) and the bulk COPY (ImportStore), so segment filters see both alike.
#include <string>

#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

// Custom attributes as plain JSON values, the form segment filters compare (`attr.<key>`).
std::string AttributesJson(const telemarketing::contacts::v1::Customer& customer);
// Tags as a PostgreSQL text[] literal.
std::string TagsArray(const telemarketing::contacts::v1::Customer& customer);

}  // namespace tmk::contacts
