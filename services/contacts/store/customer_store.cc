#include "services/contacts/store/customer_store.h"

#include <google/protobuf/util/time_util.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

// Custom attributes as plain JSON values, the form segment filters compare (`attr.<key>`): text,
// numbers and booleans as themselves; dates and instants as ISO text; money as a number of units.
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
  // A PostgreSQL array literal; tags are validated to [a-z0-9_:-], so no quoting is needed.
  std::string out = "{";
  for (int i = 0; i < customer.tags_size(); ++i) {
    if (i > 0) out += ',';
    out += customer.tags(i);
  }
  return out + "}";
}

}  // namespace

std::optional<CustomerStore::CreateRequest> CustomerStore::FindCreateRequest(
    pqxx::work& tx, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, fingerprint FROM customer_create_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return CreateRequest{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void CustomerStore::Insert(pqxx::work& tx, const v1::Customer& customer,
                           const std::string& request_id, const std::string& fingerprint) const {
  v1::Customer record = customer;
  record.clear_contact_points();
  std::string bytes = record.SerializeAsString();
  tx.exec_params(
      "INSERT INTO customers (customer_id, region_id, display_name, kind, vip_tier, gender,"
      " birth_year, province_code, city_code, tags, record, hlc_wall_millis, hlc_logical, hlc_node,"
      " create_time, update_time, marital_status, income_band, occupation, company_name,"
      " external_id, district_code, attributes)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6, NULLIF($7, 0), $8, $9, $10::text[], $11, $12, $13,"
      " $14, $15::timestamptz, $15::timestamptz, $16, $17, $18, $19, $20, $21, $22::jsonb)",
      customer.customer_id(), customer.region_id(), customer.display_name(),
      static_cast<int>(customer.kind()), static_cast<int>(customer.vip_tier()),
      static_cast<int>(customer.gender()), customer.birth_year(),
      customer.residence().province_code(), customer.residence().city_code(), TagsArray(customer),
      pqxx::binarystring(bytes.data(), bytes.size()), customer.hlc().wall_time_millis(),
      static_cast<long long>(customer.hlc().logical()), customer.hlc().node(),
      TimeUtil::ToString(customer.create_time()), static_cast<int>(customer.marital_status()),
      static_cast<int>(customer.income_band()), customer.occupation(), customer.company_name(),
      customer.external_id(), customer.residence().district_code(), AttributesJson(customer));
  for (int i = 0; i < customer.contact_points_size(); ++i) {
    const v1::ContactPoint& p = customer.contact_points(i);
    tx.exec_params(
        "INSERT INTO contact_points (contact_point_id, customer_id, position, type, value,"
        " normalized_value, status, source, is_primary, create_time)"
        " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz)",
        p.contact_point_id(), customer.customer_id(), i, static_cast<int>(p.type()), p.value(),
        p.normalized_value(), static_cast<int>(p.status()), p.source(), p.primary(),
        TimeUtil::ToString(p.create_time()));
  }
  if (!request_id.empty()) {
    tx.exec_params(
        "INSERT INTO customer_create_requests (request_id, fingerprint, customer_id)"
        " VALUES ($1, $2, $3::uuid)",
        request_id, fingerprint, customer.customer_id());
  }
}

std::optional<v1::Customer> CustomerStore::Find(pqxx::work& tx,
                                                const std::string& customer_id) const {
  pqxx::result rows =
      tx.exec_params("SELECT record FROM customers WHERE customer_id = $1::uuid", customer_id);
  if (rows.empty()) return std::nullopt;
  v1::Customer customer;
  if (!customer.ParseFromString(pqxx::binarystring(rows[0][0]).str())) {
    throw std::runtime_error("customer record " + customer_id + " does not parse");
  }
  pqxx::result points = tx.exec_params(
      "SELECT contact_point_id::text, type, value, normalized_value, status, source, is_primary,"
      " to_char(create_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
      " FROM contact_points WHERE customer_id = $1::uuid ORDER BY position",
      customer_id);
  for (const auto& row : points) {
    v1::ContactPoint* p = customer.add_contact_points();
    p->set_contact_point_id(row[0].as<std::string>());
    p->set_type(static_cast<v1::ContactPointType>(row[1].as<int>()));
    p->set_value(row[2].as<std::string>());
    p->set_normalized_value(row[3].as<std::string>());
    p->set_status(static_cast<v1::ContactPointStatus>(row[4].as<int>()));
    p->set_source(row[5].as<std::string>());
    p->set_primary(row[6].as<bool>());
    TimeUtil::FromString(row[7].as<std::string>(), p->mutable_create_time());
  }
  return customer;
}

}  // namespace tmk::contacts
