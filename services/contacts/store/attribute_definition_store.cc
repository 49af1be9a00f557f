#include "services/contacts/store/attribute_definition_store.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/pg/array_literal.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kColumns[] =
    "attribute_key, display_name, description, type, allowed_values, personal_data,"
    " to_char(create_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " to_char(update_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), etag";

v1::AttributeDefinition Read(const pqxx::row& row) {
  v1::AttributeDefinition d;
  d.set_attribute_key(row[0].as<std::string>());
  d.set_display_name(row[1].as<std::string>());
  d.set_description(row[2].as<std::string>());
  d.set_type(static_cast<v1::AttributeType>(row[3].as<int>()));
  auto values = row[4].as_array();
  for (auto item = values.get_next(); item.first != pqxx::array_parser::juncture::done;
       item = values.get_next()) {
    if (item.first == pqxx::array_parser::juncture::string_value) d.add_allowed_values(item.second);
  }
  d.set_personal_data(row[5].as<bool>());
  TimeUtil::FromString(row[6].as<std::string>(), d.mutable_create_time());
  TimeUtil::FromString(row[7].as<std::string>(), d.mutable_update_time());
  d.set_etag(row[8].as<std::string>());
  return d;
}

std::string AllowedValues(const v1::AttributeDefinition& d) {
  return pg::ArrayLiteral({d.allowed_values().begin(), d.allowed_values().end()});
}

}  // namespace

std::optional<v1::AttributeDefinition> AttributeDefinitionStore::Find(
    pqxx::work& tx, const std::string& attribute_key, bool for_update) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                         " FROM attribute_definitions WHERE attribute_key = $1" +
                                         (for_update ? " FOR UPDATE" : ""),
                                     attribute_key);
  if (rows.empty()) return std::nullopt;
  return Read(rows[0]);
}

std::map<std::string, v1::AttributeDefinition> AttributeDefinitionStore::FindMany(
    pqxx::work& tx, const std::vector<std::string>& keys) const {
  std::map<std::string, v1::AttributeDefinition> out;
  if (keys.empty()) return out;
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kColumns +
                          " FROM attribute_definitions WHERE attribute_key = ANY($1::text[])"
                          " FOR KEY SHARE",
                      pg::ArrayLiteral(keys))) {
    v1::AttributeDefinition d = Read(row);
    std::string key = d.attribute_key();
    out.emplace(std::move(key), std::move(d));
  }
  return out;
}

bool AttributeDefinitionStore::Insert(pqxx::work& tx, const v1::AttributeDefinition& d) const {
  return !tx.exec_params(
               "INSERT INTO attribute_definitions (attribute_key, display_name, description, type,"
               " allowed_values, personal_data, create_time, update_time, etag)"
               " VALUES ($1, $2, $3, $4, $5::text[], $6, $7::timestamptz, $8::timestamptz, $9)"
               " ON CONFLICT (attribute_key) DO NOTHING RETURNING 1",
               d.attribute_key(), d.display_name(), d.description(), static_cast<int>(d.type()),
               AllowedValues(d), d.personal_data(), TimeUtil::ToString(d.create_time()),
               TimeUtil::ToString(d.update_time()), d.etag())
              .empty();
}

void AttributeDefinitionStore::Update(pqxx::work& tx, const v1::AttributeDefinition& d) const {
  tx.exec_params(
      "UPDATE attribute_definitions SET display_name = $2, description = $3,"
      " allowed_values = $4::text[], personal_data = $5, update_time = $6::timestamptz, etag = $7"
      " WHERE attribute_key = $1",
      d.attribute_key(), d.display_name(), d.description(), AllowedValues(d), d.personal_data(),
      TimeUtil::ToString(d.update_time()), d.etag());
}

void AttributeDefinitionStore::Delete(pqxx::work& tx, const std::string& attribute_key) const {
  tx.exec_params("DELETE FROM attribute_definitions WHERE attribute_key = $1", attribute_key);
}

std::vector<v1::AttributeDefinition> AttributeDefinitionStore::List(pqxx::work& tx,
                                                                    const std::string& after_key,
                                                                    int limit) const {
  std::vector<v1::AttributeDefinition> out;
  for (const auto& row : tx.exec_params(
           std::string("SELECT ") + kColumns +
               " FROM attribute_definitions WHERE attribute_key COLLATE \"C\" > $1"
               " ORDER BY attribute_key COLLATE \"C\" LIMIT $2",
           after_key, limit)) {
    out.push_back(Read(row));
  }
  return out;
}

bool AttributeDefinitionStore::InUse(pqxx::work& tx, const std::string& attribute_key) const {
  return !tx.exec_params("SELECT 1 FROM customers WHERE attributes ? $1 LIMIT 1", attribute_key)
              .empty();
}

std::vector<std::string> AttributeDefinitionStore::ValuesInUse(
    pqxx::work& tx, const std::string& attribute_key, const std::vector<std::string>& values) const {
  std::vector<std::string> out;
  if (values.empty()) return out;
  for (const auto& row : tx.exec_params(
           "SELECT DISTINCT attributes ->> $1 FROM customers"
           " WHERE attributes ->> $1 = ANY($2::text[])",
           attribute_key, pg::ArrayLiteral(values))) {
    out.push_back(row[0].as<std::string>());
  }
  return out;
}

}  // namespace tmk::contacts
