#pragma once
// The field paths of a domain status's violations (services/common/core/status_details.h), in
// order: what unit tests of validation rules compare.
#include <string>
#include <vector>

#include "services/common/core/status_details.h"

namespace tmk::testing {

inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

}  // namespace tmk::testing
