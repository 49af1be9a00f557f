#include "services/contacts/domain/custom_attribute_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tmk::contacts {

std::string AttributeTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kString: return "ATTRIBUTE_TYPE_STRING";
    case AttributeType::kInt: return "ATTRIBUTE_TYPE_INT";
    case AttributeType::kDouble: return "ATTRIBUTE_TYPE_DOUBLE";
    case AttributeType::kBool: return "ATTRIBUTE_TYPE_BOOL";
    case AttributeType::kDate: return "ATTRIBUTE_TYPE_DATE";
    case AttributeType::kTimestamp: return "ATTRIBUTE_TYPE_TIMESTAMP";
    case AttributeType::kMoney: return "ATTRIBUTE_TYPE_MONEY";
    case AttributeType::kEnum: return "ATTRIBUTE_TYPE_ENUM";
    case AttributeType::kUnspecified: break;
  }
  return "ATTRIBUTE_TYPE_UNSPECIFIED";
}

void CheckCustomAttributes(const std::vector<std::pair<std::string, AttributeValueData>>& values,
                           const std::map<std::string, AttributeDefinition>& definitions,
                           const std::string& field_prefix, Violations& v) {
  for (const auto& [key, value] : values) {
    std::string field = absl::StrCat(field_prefix, "[", key, "]");
    auto it = definitions.find(key);
    if (it == definitions.end()) {
      v.Add(field, absl::StrCat("unknown attribute '", key.substr(0, 64),
                                "': define it first (CreateAttributeDefinition)"));
      continue;
    }
    const AttributeDefinition& d = it->second;
    // An ENUM value is a string_value naming one of the allowed values.
    AttributeType expected = d.type == AttributeType::kEnum ? AttributeType::kString : d.type;
    if (value.member != expected) {
      v.Add(field, absl::StrCat("'", key, "' is ", AttributeTypeName(d.type), ": set ",
                                d.type == AttributeType::kEnum ? "string_value (one of the "
                                                                 "allowed values)"
                                                               : "the value of that type"));
      continue;
    }
    if (d.type == AttributeType::kEnum &&
        std::find(d.allowed_values.begin(), d.allowed_values.end(), value.text) ==
            d.allowed_values.end()) {
      v.Add(field, absl::StrCat("'", key, "' takes one of: ", absl::StrJoin(d.allowed_values, ", ")));
    } else if (d.type == AttributeType::kString &&
               value.text.size() > AttributeLimits::kMaxStringValue) {
      v.Add(field, absl::StrCat("at most ", AttributeLimits::kMaxStringValue, " bytes"));
    }
  }
}

}  // namespace tmk::contacts
