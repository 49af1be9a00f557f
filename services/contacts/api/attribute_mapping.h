#pragma once
// proto ↔ domain for custom attributes (R1), and the one check every customer write runs on the
// custom attributes it sets: defined, of the definition's type, an ENUM's value allowed.
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/contacts/domain/attribute_cell.h"
#include "services/contacts/domain/attribute_definition.h"
#include "services/contacts/store/attribute_definition_store.h"
#include "telemarketing/contacts/v1/attribute.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

AttributeDefinition ToDomain(const telemarketing::contacts::v1::AttributeDefinition& definition);

// The value an imported cell was parsed into (ParseAttributeCell), as the contract carries it.
telemarketing::contacts::v1::AttributeValue ToProto(const AttributeCell& cell);

// The definitions of `keys` that exist, by key, for ImportMapping::Compile.
std::map<std::string, AttributeDefinition> LoadDefinitions(
    pqxx::work& tx, const AttributeDefinitionStore& definitions,
    const std::vector<std::string>& keys);

// The custom attributes of `customer` named by `keys` (all of them when `keys` is empty) against
// their definitions: OK, or INVALID_ARGUMENT with a violation at "<field_prefix>[<key>]" each.
absl::Status CheckCustomAttributes(pqxx::work& tx, const AttributeDefinitionStore& definitions,
                                   const telemarketing::contacts::v1::Customer& customer,
                                   const std::vector<std::string>& keys,
                                   const std::string& field_prefix);

}  // namespace tmk::contacts
