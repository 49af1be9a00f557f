#pragma once
// The segment filter language (R8), documented in proto/telemarketing/contacts/v1/segment.proto:
// parsed by a lexer and a recursive-descent parser into a validated tree, and printed back in a
// canonical form. Pure: the store turns the tree into a parameterised query; a user's text never
// becomes SQL.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contacts/domain/segment_filter_fields.h"

namespace tmk::contacts::segment {

struct Limits {
  static constexpr size_t kMaxLength = 4096;  // characters (bytes) of filter text
  static constexpr int kMaxTerms = 256;       // comparisons, calls and IN-list literals
  static constexpr int kMaxDepth = 16;        // nested parentheses and NOTs
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view OpText(CompareOp op);

// A literal after validation against its field: exactly one member is meaningful, chosen by the
// field's type (and, for attr.*, by the literal's own kind).
struct Value {
  enum class Kind { kString, kInteger, kDecimal, kBool, kEnum, kTimestamp };
  Kind kind = Kind::kString;
  std::string text;       // kString; kDecimal and kTimestamp in canonical text
  int64_t integer = 0;    // kInteger
  bool boolean = false;   // kBool
  int enum_number = 0;    // kEnum (and consent states)
};

struct FieldRef {
  const FieldInfo* info = nullptr;  // fixed fields; null for attr.* and consent.*
  FieldId id = FieldId::kCustomerId;
  std::string attribute_key;        // attr.<key>
  int consent_channel = 0;          // consent.<channel>.<purpose>
  int consent_purpose = 0;
  std::string name;                 // canonical name as written in filters
};

struct FilterNode {
  enum class Kind { kAnd, kOr, kNot, kCompare, kIn, kHasTag, kHasPhone };
  Kind kind = Kind::kAnd;
  std::vector<FilterNode> children;  // kAnd, kOr (two or more), kNot (one)
  FieldRef field;                    // kCompare, kIn
  CompareOp op = CompareOp::kEq;     // kCompare
  std::vector<Value> values;         // kCompare (one), kIn (one or more), kHasTag (one string)
  int phone_type = 0;                // kHasPhone: 0 = mobile or fixed line
  int phone_status = 0;              // kHasPhone: 0 = callable (UNVERIFIED or VALID)
};

// A filter that does not parse or validate: where (0-based byte offset) and why.
struct FilterError {
  size_t position = 0;
  std::string message;
  // "column 14: unknown field 'agee' ..." — what a BadRequest field violation carries.
  std::string Describe() const;
};

// Parses and validates; the error names the first problem found. Input beyond the limits is
// refused before any recursion that depends on its shape.
struct ParseResult {
  bool ok() const { return error.message.empty(); }
  FilterNode root;
  FilterError error;
};
ParseResult ParseSegmentFilter(std::string_view text);

// Canonical form: upper-case keywords, full enum names, flattened AND/OR chains with explicit
// parentheses around every nested group, strings re-escaped. Parsing it gives the same tree, and
// printing that gives the same text.
std::string PrintSegmentFilter(const FilterNode& root);

}  // namespace tmk::contacts::segment
