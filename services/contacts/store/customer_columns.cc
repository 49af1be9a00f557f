#include "services/contacts/store/customer_columns.h"

#include <google/protobuf/util/time_util.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "services/common/pg/array_literal.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

// Text, numbers and booleans as themselves; dates and instants as ISO text; money as a number of
// units.
std::string AttributesJson(const v1::Customer& customer) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : customer.custom_attributes()) {
    switch (value.kind_case()) {
      case v1::AttributeValue::kStringValue: out[key] = value.string_value(); break;
      case v1::AttributeValue::kIntValue: out[key] = value.int_value(); break;
      case v1::AttributeValue::kDoubleValue: out[key] = value.double_value(); break;
      case v1::AttributeValue::kBoolValue: out[key] = value.bool_value(); break;
      case v1::AttributeValue::kDateValue: {
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", value.date_value().year(),
                      value.date_value().month(), value.date_value().day());
        out[key] = date;
        break;
      }
      case v1::AttributeValue::kTimestampValue:
        out[key] = TimeUtil::ToString(value.timestamp_value());
        break;
      case v1::AttributeValue::kMoneyValue:
        out[key] = static_cast<double>(value.money_value().units()) +
                   value.money_value().nanos() / 1e9;
        break;
      case v1::AttributeValue::KIND_NOT_SET: break;
    }
  }
  return out.dump();
}

std::string TagsArray(const v1::Customer& customer) {
  return pg::ArrayLiteral({customer.tags().begin(), customer.tags().end()});
}

}  // namespace tmk::contacts
