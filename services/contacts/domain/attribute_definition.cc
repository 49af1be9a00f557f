#include "services/contacts/domain/attribute_definition.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::contacts {
namespace {

constexpr std::string_view kUpdatablePaths[] = {"display_name", "description", "allowed_values",
                                                "personal_data"};

// Violations of the mutable fields, shared by create and update.
void CheckMutable(const AttributeDefinition& d, const std::string& prefix, Violations& v) {
  if (d.display_name.size() > AttributeLimits::kMaxDisplayName) {
    v.Add(prefix + ".display_name", absl::StrCat("at most ", AttributeLimits::kMaxDisplayName, " bytes"));
  }
  if (d.description.size() > AttributeLimits::kMaxDescription) {
    v.Add(prefix + ".description", absl::StrCat("at most ", AttributeLimits::kMaxDescription, " bytes"));
  }
  if (d.type != AttributeType::kEnum) {
    if (!d.allowed_values.empty()) {
      v.Add(prefix + ".allowed_values", "only an ATTRIBUTE_TYPE_ENUM attribute has allowed values");
    }
    return;
  }
  if (d.allowed_values.empty()) {
    v.Add(prefix + ".allowed_values", "an ATTRIBUTE_TYPE_ENUM attribute needs at least one value");
  }
  if (d.allowed_values.size() > AttributeLimits::kMaxAllowedValues) {
    v.Add(prefix + ".allowed_values", absl::StrCat("at most ", AttributeLimits::kMaxAllowedValues));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < d.allowed_values.size(); ++i) {
    const std::string& value = d.allowed_values[i];
    std::string field = absl::StrCat(prefix, ".allowed_values[", i, "]");
    if (value.empty() || value.size() > AttributeLimits::kMaxAllowedValueLength) {
      v.Add(field, absl::StrCat("1-", AttributeLimits::kMaxAllowedValueLength, " bytes"));
    } else if (!seen.insert(value).second) {
      v.Add(field, "duplicate value");
    }
  }
}

}  // namespace

bool IsAttributeKey(std::string_view key) {
  if (key.empty() || key.size() > AttributeLimits::kMaxKeyLength ||
      !std::islower(static_cast<unsigned char>(key[0]))) {
    return false;
  }
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

absl::Status ValidateAttributeDefinition(const AttributeDefinition& d, const std::string& prefix) {
  Violations v;
  if (d.key.empty()) {
    v.Add(prefix + ".attribute_key", "required");
  } else if (!IsAttributeKey(d.key)) {
    v.Add(prefix + ".attribute_key",
          "lower_snake_case: 1-64 characters of a-z, 0-9 and '_', starting with a letter");
  }
  if (d.type == AttributeType::kUnspecified) {
    v.Add(prefix + ".type", "required, e.g. ATTRIBUTE_TYPE_STRING or ATTRIBUTE_TYPE_ENUM");
  } else if (static_cast<int>(d.type) < 0 || static_cast<int>(d.type) > 8) {
    v.Add(prefix + ".type", "not an AttributeType");
  }
  CheckMutable(d, prefix, v);
  return v.ToStatus("invalid attribute definition");
}

bool IsUpdatableDefinitionPath(std::string_view path) {
  return std::find(std::begin(kUpdatablePaths), std::end(kUpdatablePaths), path) !=
         std::end(kUpdatablePaths);
}

absl::Status ApplyDefinitionUpdate(const AttributeDefinition& patch,
                                   const std::vector<std::string>& paths,
                                   const std::string& prefix, AttributeDefinition& current,
                                   std::vector<std::string>& removed_values) {
  Violations v;
  if (paths.empty()) v.Add("update_mask", "required: name the fields to change");
  std::set<std::string> seen;
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string field = absl::StrCat("update_mask.paths[", i, "]");
    if (!IsUpdatableDefinitionPath(paths[i])) {
      v.Add(field, absl::StrCat("'", paths[i].substr(0, 64),
                                "' cannot be updated; paths are display_name, description, "
                                "allowed_values, personal_data (key and type are immutable)"));
    } else if (!seen.insert(paths[i]).second) {
      v.Add(field, "repeated path");
    }
  }
  if (!v.empty()) return v.ToStatus("invalid update");
  AttributeDefinition after = current;
  if (seen.count("display_name")) after.display_name = patch.display_name;
  if (seen.count("description")) after.description = patch.description;
  if (seen.count("personal_data")) after.personal_data = patch.personal_data;
  if (seen.count("allowed_values")) after.allowed_values = patch.allowed_values;
  CheckMutable(after, prefix, v);
  if (!v.empty()) return v.ToStatus("invalid attribute definition");
  removed_values.clear();
  for (const std::string& value : current.allowed_values) {
    if (std::find(after.allowed_values.begin(), after.allowed_values.end(), value) ==
        after.allowed_values.end()) {
      removed_values.push_back(value);
    }
  }
  current = std::move(after);
  return absl::OkStatus();
}

}  // namespace tmk::contacts
