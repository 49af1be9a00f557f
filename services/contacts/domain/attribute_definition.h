#pragma once
// The schema of typed custom attributes (R1): what a definition must look like, and what an
// update may change (display name, description, personal_data, and allowed values that only grow
// while customers still carry a value). Plain data: the numbers mirror contacts.v1.AttributeType.
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tmk::contacts {

enum class AttributeType {
  kUnspecified = 0,
  kString = 1,
  kInt = 2,
  kDouble = 3,
  kBool = 4,
  kDate = 5,
  kTimestamp = 6,
  kMoney = 7,
  kEnum = 8,
};

struct AttributeDefinition {
  std::string key;  // immutable
  std::string display_name;
  std::string description;
  AttributeType type = AttributeType::kUnspecified;  // immutable
  std::vector<std::string> allowed_values;           // kEnum only
  bool personal_data = false;
};

struct AttributeLimits {
  static constexpr size_t kMaxKeyLength = 64;
  static constexpr size_t kMaxDisplayName = 200;
  static constexpr size_t kMaxDescription = 2000;
  static constexpr size_t kMaxAllowedValues = 500;
  static constexpr size_t kMaxAllowedValueLength = 64;
  static constexpr size_t kMaxStringValue = 1000;
};

// lower_snake_case: 1-64 characters of a-z, 0-9 and '_', starting with a letter. The one rule
// for attribute keys, in definitions, customers' custom_attributes and update-mask paths.
bool IsAttributeKey(std::string_view key);

// Every violation of a definition to create, under `prefix` (e.g. "attribute_definition").
absl::Status ValidateAttributeDefinition(const AttributeDefinition& definition,
                                         const std::string& prefix);

// The update-mask paths an UpdateAttributeDefinition may name.
bool IsUpdatableDefinitionPath(std::string_view path);

// Applies the masked fields of `patch` to `current`, validating the result: unknown or repeated
// paths and a bad new value are INVALID_ARGUMENT under `prefix`. Returns the allowed values the
// update removes (the caller refuses them with FAILED_PRECONDITION while customers carry them).
absl::Status ApplyDefinitionUpdate(const AttributeDefinition& patch,
                                   const std::vector<std::string>& paths,
                                   const std::string& prefix, AttributeDefinition& current,
                                   std::vector<std::string>& removed_values);

}  // namespace tmk::contacts
