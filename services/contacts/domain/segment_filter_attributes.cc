#include "services/contacts/domain/segment_filter_attributes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "services/contacts/domain/custom_attribute_rules.h"

namespace tmk::contacts::segment {
namespace {

void CollectKeys(const FilterNode& node, std::vector<std::string>& keys) {
  if ((node.kind == FilterNode::Kind::kCompare || node.kind == FilterNode::Kind::kIn) &&
      !node.field.attribute_key.empty() &&
      std::find(keys.begin(), keys.end(), node.field.attribute_key) == keys.end()) {
    keys.push_back(node.field.attribute_key);
  }
  for (const FilterNode& child : node.children) CollectKeys(child, keys);
}

bool IsOrdered(CompareOp op) {
  return op == CompareOp::kLt || op == CompareOp::kLe || op == CompareOp::kGt ||
         op == CompareOp::kGe;
}

bool IsDate(const std::string& text) {
  absl::CivilDay day;
  return absl::ParseCivilTime(text, &day) && absl::FormatCivilTime(day) == text;
}

// Why `value` cannot be compared with attribute `d` by `node`, or empty.
std::string Mismatch(const FilterNode& node, const AttributeDefinition& d, const Value& value) {
  const std::string what = absl::StrCat(node.field.name, " is ", AttributeTypeName(d.type));
  switch (d.type) {
    case AttributeType::kString:
    case AttributeType::kTimestamp:
      if (value.kind != Value::Kind::kString) return what + ": compare it with a quoted string";
      return "";
    case AttributeType::kDate:
      if (value.kind != Value::Kind::kString || !IsDate(value.text)) {
        return what + ": compare it with a quoted date, e.g. \"2026-11-24\"";
      }
      return "";
    case AttributeType::kEnum:
      if (node.kind == FilterNode::Kind::kCompare && IsOrdered(node.op)) {
        return what + ": its values have no order; compare with = != or IN";
      }
      if (value.kind != Value::Kind::kString ||
          std::find(d.allowed_values.begin(), d.allowed_values.end(), value.text) ==
              d.allowed_values.end()) {
        return absl::StrCat(what, ": takes one of \"", absl::StrJoin(d.allowed_values, "\", \""),
                            "\"");
      }
      return "";
    case AttributeType::kInt:
      if (value.kind != Value::Kind::kDecimal || value.text.find('.') != std::string::npos) {
        return what + ": compare it with a whole number";
      }
      return "";
    case AttributeType::kDouble:
    case AttributeType::kMoney:
      if (value.kind != Value::Kind::kDecimal) return what + ": compare it with a number";
      return "";
    case AttributeType::kBool:
      if (value.kind != Value::Kind::kBool) return what + ": compare it with true or false";
      return "";
    case AttributeType::kUnspecified:
      break;
  }
  return what + ": it cannot be filtered on";
}

absl::Status Check(const FilterNode& node,
                   const std::map<std::string, AttributeDefinition>& defined) {
  if ((node.kind == FilterNode::Kind::kCompare || node.kind == FilterNode::Kind::kIn) &&
      !node.field.attribute_key.empty()) {
    auto d = defined.find(node.field.attribute_key);
    if (d == defined.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          node.field.name, ": no custom attribute '", node.field.attribute_key,
          "' is defined (CreateAttributeDefinition defines one)"));
    }
    for (const Value& value : node.values) {
      if (std::string why = Mismatch(node, d->second, value); !why.empty()) {
        return absl::InvalidArgumentError(why);
      }
    }
  }
  for (const FilterNode& child : node.children) {
    if (absl::Status status = Check(child, defined); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> FilterAttributeKeys(const FilterNode& filter) {
  std::vector<std::string> keys;
  CollectKeys(filter, keys);
  return keys;
}

absl::Status CheckFilterAttributes(const FilterNode& filter,
                                   const std::map<std::string, AttributeDefinition>& defined) {
  return Check(filter, defined);
}

}  // namespace tmk::contacts::segment
