#pragma once
// A text cell (a CSV import column) read as a custom attribute of its definition's type (R1), so
// an import refuses, row by row, what CreateCustomer refuses: a value of another type, an ENUM
// value not allowed, an over-long string.
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts {

// The parsed value; the members for `type` are meaningful.
struct AttributeCell {
  AttributeType type = AttributeType::kUnspecified;
  std::string text;       // kString, kEnum; kMoney: the ISO 4217 currency code
  int64_t integer = 0;    // kInt; kMoney: whole units; kTimestamp: seconds since the epoch
  int32_t nanos = 0;      // kMoney: billionths of a unit, same sign as `integer`; kTimestamp
  double real = 0;        // kDouble
  bool boolean = false;   // kBool
  int year = 0, month = 0, day = 0;  // kDate
};

// Formats: INT "-42"; DOUBLE "3.5"; BOOL true/false, 1/0, yes/no, 是/否; DATE "2026-11-24";
// TIMESTAMP RFC 3339 ("2026-11-24T09:30:00+08:00"); MONEY "128.50 CNY" or "CNY 128.50" (up to
// nine decimals); ENUM one of the allowed values; STRING at most AttributeLimits::kMaxStringValue
// bytes. Leading and trailing blanks are ignored. INVALID_ARGUMENT says what was expected.
absl::StatusOr<AttributeCell> ParseAttributeCell(const AttributeDefinition& definition,
                                                 const std::string& cell);

}  // namespace tmk::contacts
