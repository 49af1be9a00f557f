#pragma once
// Custom attributes in segment filters (R1, R8): `attr.<key>` must name a defined attribute and be
// compared with literals of its type, so a filter that could never match as written (a typo in
// the key, a number compared with a text attribute, an ENUM value that does not exist) is refused
// instead of silently selecting nobody.
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/contacts/domain/attribute_definition.h"
#include "services/contacts/domain/segment_filter.h"

namespace tmk::contacts::segment {

// The distinct attribute keys `filter` names, in order of first appearance.
std::vector<std::string> FilterAttributeKeys(const FilterNode& filter);

// OK, or INVALID_ARGUMENT naming the first attribute that is undefined (not in `defined`) or
// compared with a literal its type cannot hold: STRING, DATE and TIMESTAMP take strings (DATE as
// YYYY-MM-DD, TIMESTAMP as RFC 3339, compared as stored text), ENUM one of its allowed values,
// INT, DOUBLE and MONEY numbers (INT whole ones), BOOL true or false with = or != only.
absl::Status CheckFilterAttributes(const FilterNode& filter,
                                   const std::map<std::string, AttributeDefinition>& defined);

}  // namespace tmk::contacts::segment
