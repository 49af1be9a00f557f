#include "services/contacts/api/attribute_mapping.h"

#include <map>
#include <utility>

#include "services/contacts/domain/custom_attribute_rules.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

AttributeValueData ToDomain(const v1::AttributeValue& value) {
  AttributeValueData out;
  switch (value.kind_case()) {
    case v1::AttributeValue::kStringValue:
      out.member = AttributeType::kString;
      out.text = value.string_value();
      break;
    case v1::AttributeValue::kIntValue: out.member = AttributeType::kInt; break;
    case v1::AttributeValue::kDoubleValue: out.member = AttributeType::kDouble; break;
    case v1::AttributeValue::kBoolValue: out.member = AttributeType::kBool; break;
    case v1::AttributeValue::kDateValue: out.member = AttributeType::kDate; break;
    case v1::AttributeValue::kTimestampValue: out.member = AttributeType::kTimestamp; break;
    case v1::AttributeValue::kMoneyValue: out.member = AttributeType::kMoney; break;
    case v1::AttributeValue::KIND_NOT_SET: break;
  }
  return out;
}

}  // namespace

AttributeDefinition ToDomain(const v1::AttributeDefinition& d) {
  AttributeDefinition out;
  out.key = d.attribute_key();
  out.display_name = d.display_name();
  out.description = d.description();
  out.type = static_cast<AttributeType>(d.type());
  out.allowed_values.assign(d.allowed_values().begin(), d.allowed_values().end());
  out.personal_data = d.personal_data();
  return out;
}

absl::Status CheckCustomAttributes(pqxx::work& tx, const AttributeDefinitionStore& definitions,
                                   const v1::Customer& customer,
                                   const std::vector<std::string>& keys,
                                   const std::string& field_prefix) {
  std::vector<std::pair<std::string, AttributeValueData>> values;
  std::vector<std::string> checked;
  for (const auto& [key, value] : customer.custom_attributes()) {
    if (!keys.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    values.emplace_back(key, ToDomain(value));
    checked.push_back(key);
  }
  if (values.empty()) return absl::OkStatus();
  std::map<std::string, AttributeDefinition> known;
  for (const auto& [key, d] : definitions.FindMany(tx, checked)) known.emplace(key, ToDomain(d));
  Violations v;
  CheckCustomAttributes(values, known, field_prefix, v);
  return v.ToStatus("invalid custom attributes");
}

}  // namespace tmk::contacts
