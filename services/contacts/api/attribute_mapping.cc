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

v1::AttributeValue ToProto(const AttributeCell& cell) {
  v1::AttributeValue out;
  switch (cell.type) {
    case AttributeType::kString:
    case AttributeType::kEnum: out.set_string_value(cell.text); break;
    case AttributeType::kInt: out.set_int_value(cell.integer); break;
    case AttributeType::kDouble: out.set_double_value(cell.real); break;
    case AttributeType::kBool: out.set_bool_value(cell.boolean); break;
    case AttributeType::kDate:
      out.mutable_date_value()->set_year(cell.year);
      out.mutable_date_value()->set_month(cell.month);
      out.mutable_date_value()->set_day(cell.day);
      break;
    case AttributeType::kTimestamp:
      out.mutable_timestamp_value()->set_seconds(cell.integer);
      out.mutable_timestamp_value()->set_nanos(cell.nanos);
      break;
    case AttributeType::kMoney:
      out.mutable_money_value()->set_currency_code(cell.text);
      out.mutable_money_value()->set_units(cell.integer);
      out.mutable_money_value()->set_nanos(cell.nanos);
      break;
    case AttributeType::kUnspecified: break;
  }
  return out;
}

std::map<std::string, AttributeDefinition> LoadDefinitions(
    pqxx::work& tx, const AttributeDefinitionStore& definitions,
    const std::vector<std::string>& keys) {
  std::map<std::string, AttributeDefinition> out;
  for (const auto& [key, definition] : definitions.FindMany(tx, keys)) {
    out.emplace(key, ToDomain(definition));
  }
  return out;
}

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
  Violations v;
  CheckCustomAttributes(values, LoadDefinitions(tx, definitions, checked), field_prefix, v);
  return v.ToStatus("invalid custom attributes");
}

}  // namespace tmk::contacts
