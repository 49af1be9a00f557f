#include "services/contacts/store/customer_store.h"

#include <google/protobuf/util/time_util.h>

#include <map>

#include "services/common/pg/array_literal.h"
#include "services/contacts/store/bytea.h"
#include "services/contacts/store/customer_columns.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kPointColumns[] =
    "contact_point_id::text, type, sealed_value, status, source, is_primary,"
    " to_char(create_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " customer_id::text, label, status_reason, status_call_id,"
    " to_char(status_update_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

}  // namespace

void CustomerStore::ReadPoint(const pqxx::row& row, v1::ContactPoint* p) const {
  p->set_contact_point_id(row[0].as<std::string>());
  p->set_type(static_cast<v1::ContactPointType>(row[1].as<int>()));
  cipher_.OpenContactPoint(row[7].as<std::string>(), pqxx::binarystring(row[2]).str(), *p);
  p->set_status(static_cast<v1::ContactPointStatus>(row[3].as<int>()));
  p->set_source(row[4].as<std::string>());
  p->set_primary(row[5].as<bool>());
  TimeUtil::FromString(row[6].as<std::string>(), p->mutable_create_time());
  p->set_label(row[8].as<std::string>());
  p->set_status_reason(row[9].as<std::string>());
  p->set_status_call_id(row[10].as<std::string>());
  if (!row[11].is_null()) {
    TimeUtil::FromString(row[11].as<std::string>(), p->mutable_status_update_time());
  }
}

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
  tx.exec_params(
      "INSERT INTO customers (customer_id, region_id, name_index, kind, vip_tier, gender,"
      " birth_year, province_code, city_code, tags, record, hlc_wall_millis, hlc_logical, hlc_node,"
      " create_time, update_time, marital_status, income_band, occupation, company_name,"
      " external_id, district_code, attributes)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6, NULLIF($7, 0), $8, $9, $10::text[], $11, $12, $13,"
      " $14, $15::timestamptz, $15::timestamptz, $16, $17, $18, $19, $20, $21, $22::jsonb)",
      customer.customer_id(), customer.region_id(),
      ByteaParam(cipher_.NameIndex(customer.display_name())), static_cast<int>(customer.kind()),
      static_cast<int>(customer.vip_tier()), static_cast<int>(customer.gender()),
      customer.birth_year(), customer.residence().province_code(),
      customer.residence().city_code(), TagsArray(customer),
      ByteaParam(cipher_.SealCustomer(customer)), customer.hlc().wall_time_millis(),
      static_cast<long long>(customer.hlc().logical()), customer.hlc().node(),
      TimeUtil::ToString(customer.create_time()), static_cast<int>(customer.marital_status()),
      static_cast<int>(customer.income_band()), customer.occupation(), customer.company_name(),
      customer.external_id(), customer.residence().district_code(), AttributesJson(customer));
  WritePoints(tx, customer, /*upsert=*/false);
  if (!request_id.empty()) {
    tx.exec_params(
        "INSERT INTO customer_create_requests (request_id, fingerprint, customer_id)"
        " VALUES ($1, $2, $3::uuid)",
        request_id, fingerprint, customer.customer_id());
  }
}

std::optional<v1::Customer> CustomerStore::Find(pqxx::work& tx, const std::string& customer_id,
                                                bool for_update) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT customer_id::text, record FROM customers WHERE customer_id = $1::uuid") +
          (for_update ? " FOR UPDATE" : ""),
      customer_id);
  if (rows.empty()) return std::nullopt;
  // Opened with the id as stored: the caller's may differ in letter case.
  v1::Customer customer =
      cipher_.OpenCustomer(rows[0][0].as<std::string>(), pqxx::binarystring(rows[0][1]).str());
  pqxx::result points = tx.exec_params(
      std::string("SELECT ") + kPointColumns +
          " FROM contact_points WHERE customer_id = $1::uuid ORDER BY position",
      customer_id);
  for (const auto& row : points) ReadPoint(row, customer.add_contact_points());
  return customer;
}

bool CustomerStore::Exists(pqxx::work& tx, const std::string& customer_id) const {
  return !tx.exec_params("SELECT 1 FROM customers WHERE customer_id = $1::uuid", customer_id)
              .empty();
}

std::vector<v1::Customer> CustomerStore::FindMany(pqxx::work& tx,
                                                  const std::vector<std::string>& customer_ids) const {
  if (customer_ids.empty()) return {};
  std::string ids = pg::ArrayLiteral(customer_ids);
  std::map<std::string, v1::Customer> found;
  for (const auto& row : tx.exec_params(
           "SELECT customer_id::text, record FROM customers WHERE customer_id = ANY($1::uuid[])",
           ids)) {
    std::string id = row[0].as<std::string>();
    found.emplace(id, cipher_.OpenCustomer(id, pqxx::binarystring(row[1]).str()));
  }
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kPointColumns +
                                            " FROM contact_points WHERE customer_id ="
                                            " ANY($1::uuid[]) ORDER BY customer_id, position",
                                        ids)) {
    auto it = found.find(row[7].as<std::string>());
    if (it != found.end()) ReadPoint(row, it->second.add_contact_points());
  }
  std::vector<v1::Customer> out;
  for (const std::string& id : customer_ids) {
    auto it = found.find(id);
    if (it != found.end()) out.push_back(it->second);
  }
  return out;
}

void CustomerStore::Update(pqxx::work& tx, const v1::Customer& customer) const {
  tx.exec_params(
      "UPDATE customers SET name_index = $2, kind = $3, vip_tier = $4, gender = $5,"
      " birth_year = NULLIF($6, 0), province_code = $7, city_code = $8, tags = $9::text[],"
      " record = $10, hlc_wall_millis = $11, hlc_logical = $12, hlc_node = $13,"
      " update_time = $14::timestamptz, marital_status = $15, income_band = $16,"
      " occupation = $17, company_name = $18, external_id = $19, district_code = $20,"
      " attributes = $21::jsonb"
      " WHERE customer_id = $1::uuid",
      customer.customer_id(), ByteaParam(cipher_.NameIndex(customer.display_name())),
      static_cast<int>(customer.kind()), static_cast<int>(customer.vip_tier()),
      static_cast<int>(customer.gender()), customer.birth_year(),
      customer.residence().province_code(), customer.residence().city_code(), TagsArray(customer),
      ByteaParam(cipher_.SealCustomer(customer)), customer.hlc().wall_time_millis(),
      static_cast<long long>(customer.hlc().logical()), customer.hlc().node(),
      TimeUtil::ToString(customer.update_time()), static_cast<int>(customer.marital_status()),
      static_cast<int>(customer.income_band()), customer.occupation(), customer.company_name(),
      customer.external_id(), customer.residence().district_code(), AttributesJson(customer));
  std::vector<std::string> kept;
  for (const v1::ContactPoint& p : customer.contact_points()) kept.push_back(p.contact_point_id());
  tx.exec_params(
      "DELETE FROM contact_points WHERE customer_id = $1::uuid"
      " AND NOT (contact_point_id = ANY($2::uuid[]))",
      customer.customer_id(), pg::ArrayLiteral(kept));
  WritePoints(tx, customer, /*upsert=*/true);
}

void CustomerStore::WritePoints(pqxx::work& tx, const v1::Customer& customer, bool upsert) const {
  for (int i = 0; i < customer.contact_points_size(); ++i) {
    const v1::ContactPoint& p = customer.contact_points(i);
    tx.exec_params(
        std::string("INSERT INTO contact_points (contact_point_id, customer_id, position, type,"
                    " sealed_value, value_index, status, source, is_primary, create_time, label,"
                    " status_reason, status_call_id, status_update_time)"
                    " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz,"
                    " $11, $12, $13, NULLIF($14, '')::timestamptz)") +
            (upsert ? " ON CONFLICT (contact_point_id) DO UPDATE SET position = EXCLUDED.position,"
                      " type = EXCLUDED.type, sealed_value = EXCLUDED.sealed_value,"
                      " value_index = EXCLUDED.value_index, status = EXCLUDED.status,"
                      " source = EXCLUDED.source, is_primary = EXCLUDED.is_primary,"
                      " label = EXCLUDED.label, status_reason = EXCLUDED.status_reason,"
                      " status_call_id = EXCLUDED.status_call_id,"
                      " status_update_time = EXCLUDED.status_update_time"
                    : ""),
        p.contact_point_id(), customer.customer_id(), i, static_cast<int>(p.type()),
        ByteaParam(cipher_.SealContactPoint(customer.customer_id(), p)),
        ByteaParam(cipher_.ContactIndex(p.normalized_value())), static_cast<int>(p.status()),
        p.source(), p.primary(), TimeUtil::ToString(p.create_time()), p.label(),
        p.status_reason(), p.status_call_id(),
        p.has_status_update_time() ? TimeUtil::ToString(p.status_update_time()) : std::string());
  }
}

bool CustomerStore::Erase(pqxx::work& tx, const std::string& customer_id) const {
  pqxx::result erased = tx.exec_params(
      "DELETE FROM customers c WHERE c.customer_id = $1::uuid"
      " AND NOT EXISTS (SELECT 1 FROM customer_replicas r WHERE r.customer_id = c.customer_id)",
      customer_id);
  return erased.affected_rows() == 1;
}

std::optional<CustomerStore::CreateRequest> CustomerStore::FindUpdateRequest(
    pqxx::work& tx, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, fingerprint FROM customer_update_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return CreateRequest{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void CustomerStore::SaveUpdateRequest(pqxx::work& tx, const std::string& request_id,
                                      const std::string& fingerprint,
                                      const std::string& customer_id) const {
  tx.exec_params(
      "INSERT INTO customer_update_requests (request_id, fingerprint, customer_id)"
      " VALUES ($1, $2, $3::uuid)",
      request_id, fingerprint, customer_id);
}

std::vector<CustomerStore::ListedId> CustomerStore::ListIds(
    pqxx::work& tx, const std::string& where, const std::vector<std::string>& params, Order order,
    bool descending, const std::optional<Cursor>& after, int limit) const {
  std::string key, cast;
  switch (order) {
    case Order::kCreateTime: key = "c.create_time"; cast = "timestamptz"; break;
    case Order::kUpdateTime: key = "c.update_time"; cast = "timestamptz"; break;
  }
  std::vector<std::string> all = params;
  std::string sql = "SELECT c.customer_id::text, " + key + "::text FROM customers c WHERE (" +
                    where + ")";
  if (after) {
    all.push_back(after->sort_key);
    all.push_back(after->customer_id);
    sql += " AND (" + key + ", c.customer_id) " + (descending ? "<" : ">") + " ($" +
           std::to_string(all.size() - 1) + "::" + cast + ", $" + std::to_string(all.size()) +
           "::uuid)";
  }
  const char* dir = descending ? " DESC" : " ASC";
  sql += " ORDER BY " + key + dir + ", c.customer_id" + dir + " LIMIT " + std::to_string(limit);
  std::vector<ListedId> out;
  for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(all))) {
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  return out;
}

std::vector<std::string> CustomerStore::SearchIds(pqxx::work& tx, const SearchKeys& keys,
                                                  const std::string& where,
                                                  const std::vector<std::string>& params,
                                                  long long offset, int limit) const {
  std::vector<std::string> all = params;
  auto param = [&](const std::string& value) {
    all.push_back(value);
    return "$" + std::to_string(all.size());
  };
  std::vector<std::string> exact, any;
  if (!keys.customer_id.empty()) {
    exact.push_back("c.customer_id = " + param(keys.customer_id) + "::uuid");
  }
  if (!keys.external_id.empty()) {
    exact.push_back("(c.external_id <> '' AND c.external_id = " + param(keys.external_id) + ")");
  }
  if (!keys.normalized_phone.empty()) {
    std::string index = ByteaText(cipher_.ContactIndex(keys.normalized_phone));
    exact.push_back("c.customer_id IN (SELECT customer_id FROM contact_points"
                    " WHERE value_index = " + param(index) + "::bytea)");
  }
  any = exact;
  if (!keys.display_name.empty()) {
    any.push_back("c.name_index = " + param(ByteaText(cipher_.NameIndex(keys.display_name))) +
                  "::bytea");
  }
  auto join = [](const std::vector<std::string>& terms) {
    std::string out;
    for (const std::string& t : terms) out += (out.empty() ? "" : " OR ") + t;
    return out;
  };
  std::string sql = "SELECT c.customer_id::text FROM customers c WHERE (" + where + ")";
  if (!any.empty()) sql += " AND (" + join(any) + ")";
  sql += " ORDER BY ";
  if (!exact.empty()) sql += "CASE WHEN " + join(exact) + " THEN 0 ELSE 1 END, ";
  sql += "c.customer_id OFFSET " + std::to_string(offset) + " LIMIT " + std::to_string(limit);
  std::vector<std::string> out;
  for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(all))) {
    out.push_back(row[0].as<std::string>());
  }
  return out;
}

std::vector<std::string> CustomerStore::IdsByPhone(pqxx::work& tx, const std::string& normalized,
                                                   const std::string& region, int limit) const {
  std::vector<std::string> out;
  for (const auto& row : tx.exec_params(
           "SELECT c.customer_id::text FROM customers c"
           " WHERE c.customer_id IN (SELECT customer_id FROM contact_points"
           " WHERE value_index = $1)"
           " ORDER BY (c.region_id = $2) DESC, c.create_time, c.customer_id LIMIT $3",
           ByteaParam(cipher_.ContactIndex(normalized)), region, limit)) {
    out.push_back(row[0].as<std::string>());
  }
  return out;
}

}  // namespace tmk::contacts
