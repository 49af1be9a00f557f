#pragma once
// How an import's CSV columns become a customer (R1, R2, R8): the header mapping is checked once,
// then every row is converted and validated with the same rules as CreateCustomer
// (ValidateNewCustomer), each problem reported as a row error naming its column.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contacts/domain/attribute_cell.h"
#include "services/contacts/domain/attribute_definition.h"
#include "services/contacts/domain/new_customer.h"

namespace tmk::contacts {

// Mirrors telemarketing.contacts.v1.ImportRowErrorReason (same numbers).
enum class ImportRowReason {
  kColumnCount = 1,
  kMissingValue = 2,
  kMalformedPhone = 3,
  kMalformedEmail = 4,
  kInvalidValue = 5,
  kUnknownAttribute = 6,
  kDuplicate = 7,
  kOwnedByOtherRegion = 8,
  kTooLong = 9,
};

struct ImportRowIssue {
  std::string column;
  std::string field_path;
  ImportRowReason reason = ImportRowReason::kInvalidValue;
  std::string message;
};

// One converted row. Enum fields hold the proto value-name suffix ("FEMALE", "GOLD"), empty when
// not given; `kind` defaults to "B2C" when the file has no kind column or leaves it empty.
struct ImportedCustomer {
  std::string display_name;
  std::string gender, marital_status, income_band, kind, vip_tier;
  int birth_year = 0;
  std::map<std::string, std::string> residence;  // Address field name -> value
  std::string occupation, company_name, external_id;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, AttributeCell>> attributes;  // key -> typed value
  std::vector<NewCustomer::Point> contact_points;
  std::vector<NormalizedContact> normalized;  // same order as contact_points, after validation
};

class ImportMapping {
 public:
  // `mapping` is column -> target field path (see ImportSpec.column_mapping). INVALID_ARGUMENT
  // with field violations ("spec.column_mapping[<column>]") for an unknown target, a column not
  // in the header, duplicate header names, a target mapped twice (contact points excepted), or a
  // custom attribute without a definition in `attributes` (by key).
  static absl::StatusOr<ImportMapping> Compile(
      const std::vector<std::string>& columns,
      const std::vector<std::pair<std::string, std::string>>& mapping,
      const std::map<std::string, AttributeDefinition>& attributes);

  // The custom attribute keys the mapping sets (to load their definitions before Compile).
  static std::vector<std::string> AttributeKeys(
      const std::vector<std::pair<std::string, std::string>>& mapping);

  // Header columns no mapping mentions (ignored), in header order.
  const std::vector<std::string>& ignored_columns() const { return ignored_; }
  size_t column_count() const { return targets_.size(); }

  // Converts and validates one row; on failure every issue found.
  absl::StatusOr<ImportedCustomer> Convert(const std::vector<std::string>& values,
                                           const std::string& this_region, int current_year,
                                           std::vector<ImportRowIssue>& issues) const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::string> targets_;  // per column; empty = ignored
  std::vector<std::string> ignored_;
  std::map<std::string, AttributeDefinition> attributes_;  // the mapped ones, by key
};

// The enum suffix a cell means for `field` ("gender", "marital_status", "income_band", "kind",
// "vip_tier"): the full value name, its suffix, or a common Chinese label; empty when unknown.
std::string ParseEnumLabel(const std::string& field, const std::string& cell);

}  // namespace tmk::contacts
