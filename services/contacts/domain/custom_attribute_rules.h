#pragma once
// Custom attribute values against their definitions (R1): a customer may carry only attributes
// that are defined, each with a value of the definition's type, and an ENUM's value among its
// allowed values. One function for create, update and import, so they refuse alike.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/common/core/status_details.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts {

// Which member of contacts.v1.AttributeValue is set (ENUM values travel as kString), and the
// text of a string value.
struct AttributeValueData {
  AttributeType member = AttributeType::kUnspecified;  // kUnspecified: none set
  std::string text;
};

// Adds a violation at "<field_prefix>[<key>]" for each attribute without a definition, with a
// value of another type, or (ENUM) a value not allowed; `definitions` by key.
void CheckCustomAttributes(const std::vector<std::pair<std::string, AttributeValueData>>& values,
                           const std::map<std::string, AttributeDefinition>& definitions,
                           const std::string& field_prefix, Violations& violations);

// "ATTRIBUTE_TYPE_INT" for kInt: the names the contracts use, for messages.
std::string AttributeTypeName(AttributeType type);

}  // namespace tmk::contacts
