#include "services/contacts/store/consent_store.h"

#include <stdexcept>

#include "services/common/pg/array_literal.h"
#include "services/contacts/store/bytea.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

long long ToMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TimePoint FromMicros(long long micros) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

namespace {


v1::Consent ParseConsent(const pqxx::field& field) {
  v1::Consent consent;
  if (!consent.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("consent record does not parse");
  }
  return consent;
}

std::optional<long long> MicrosOrNull(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<long long>();
}

}  // namespace

std::optional<ConsentStore::Request> ConsentStore::FindRequest(pqxx::work& tx,
                                                               const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT consent_id::text, fingerprint FROM consent_requests WHERE request_id = $1", request_id);
  if (rows.empty()) return std::nullopt;
  return Request{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::optional<std::string> ConsentStore::CustomerRegion(pqxx::work& tx,
                                                        const std::string& customer_id) const {
  pqxx::result rows =
      tx.exec_params("SELECT region_id FROM customers WHERE customer_id = $1::uuid", customer_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void ConsentStore::Insert(pqxx::work& tx, const v1::Consent& consent, const std::string& request_id,
                          const std::string& fingerprint) const {
  auto micros = [](const google::protobuf::Timestamp& t) {
    return static_cast<long long>(t.seconds()) * 1000000 + t.nanos() / 1000;
  };
  std::string bytes = consent.SerializeAsString();
  std::string expire;  // "" → NULL
  if (consent.has_expire_time()) expire = std::to_string(micros(consent.expire_time()));
  tx.exec_params(
      "INSERT INTO consents (consent_id, customer_id, channel, purpose, state, effective_time,"
      " expire_time, hlc_wall_millis, hlc_logical, hlc_node, record_time, record)"
      " VALUES ($1::uuid, $2::uuid, $3, $4, $5,"
      " timestamptz 'epoch' + $6::bigint * interval '1 microsecond',"
      " timestamptz 'epoch' + NULLIF($7, '')::bigint * interval '1 microsecond',"
      " $8, $9, $10, timestamptz 'epoch' + $11::bigint * interval '1 microsecond', $12)",
      consent.consent_id(), consent.customer_id(), static_cast<int>(consent.channel()),
      static_cast<int>(consent.purpose()), static_cast<int>(consent.state()),
      micros(consent.effective_time()), expire, consent.hlc().wall_time_millis(),
      static_cast<long long>(consent.hlc().logical()), consent.hlc().node(),
      micros(consent.record_time()), pqxx::binarystring(bytes.data(), bytes.size()));
  if (!request_id.empty()) {
    tx.exec_params(
        "INSERT INTO consent_requests (request_id, fingerprint, consent_id) VALUES ($1, $2, $3::uuid)",
        request_id, fingerprint, consent.consent_id());
  }
}

std::optional<v1::Consent> ConsentStore::Find(pqxx::work& tx, const std::string& consent_id) const {
  pqxx::result rows =
      tx.exec_params("SELECT record FROM consents WHERE consent_id = $1::uuid", consent_id);
  if (rows.empty()) return std::nullopt;
  return ParseConsent(rows[0][0]);
}

std::vector<v1::Consent> ConsentStore::ListHistory(pqxx::work& tx, const std::string& customer_id,
                                                   int limit, const std::string& after_id) const {
  // consent_id is a UUIDv7: its order is the record order.
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM consents WHERE customer_id = $1::uuid"
      " AND ($2 = '' OR consent_id < NULLIF($2, '')::uuid)"
      " ORDER BY consent_id DESC LIMIT $3",
      customer_id, after_id, limit);
  std::vector<v1::Consent> out;
  for (const auto& row : rows) out.push_back(ParseConsent(row[0]));
  return out;
}

std::vector<v1::Consent> ConsentStore::ListCurrent(pqxx::work& tx, const std::string& customer_id,
                                                   int limit,
                                                   std::optional<std::pair<int, int>> after) const {
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM ("
      "  SELECT DISTINCT ON (channel, purpose) channel, purpose, record FROM consents"
      "  WHERE customer_id = $1::uuid"
      "  ORDER BY channel, purpose, hlc_wall_millis DESC, hlc_logical DESC, hlc_node DESC) latest"
      " WHERE (channel, purpose) > ($2::smallint, $3::smallint)"
      " ORDER BY channel, purpose LIMIT $4",
      customer_id, after ? after->first : -1, after ? after->second : -1, limit);
  std::vector<v1::Consent> out;
  for (const auto& row : rows) out.push_back(ParseConsent(row[0]));
  return out;
}

std::map<std::string, std::vector<ConsentFact>> ConsentStore::Histories(
    pqxx::work& tx, const std::vector<std::string>& customer_ids, ContactChannel channel,
    ContactPurpose purpose) const {
  std::map<std::string, std::vector<ConsentFact>> out;
  if (customer_ids.empty()) return out;
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, state, (extract(epoch FROM effective_time) * 1000000)::bigint,"
      " (extract(epoch FROM expire_time) * 1000000)::bigint, hlc_wall_millis, hlc_logical, hlc_node"
      " FROM consents WHERE customer_id = ANY($1::uuid[]) AND channel = $2 AND purpose = $3",
      pg::ArrayLiteral(customer_ids), static_cast<int>(channel), static_cast<int>(purpose));
  for (const auto& row : rows) {
    ConsentFact fact;
    fact.state = static_cast<ConsentState>(row[1].as<int>());
    fact.effective_time = FromMicros(row[2].as<long long>());
    if (auto expire = MicrosOrNull(row[3])) fact.expire_time = FromMicros(*expire);
    fact.hlc = {row[4].as<int64_t>(), row[5].as<uint32_t>(), row[6].as<std::string>()};
    out[row[0].as<std::string>()].push_back(std::move(fact));
  }
  return out;
}

std::set<std::string> ConsentStore::ExistingCustomers(
    pqxx::work& tx, const std::vector<std::string>& customer_ids) const {
  std::set<std::string> out;
  if (customer_ids.empty()) return out;
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text FROM customers WHERE customer_id = ANY($1::uuid[])",
      pg::ArrayLiteral(customer_ids));
  for (const auto& row : rows) out.insert(row[0].as<std::string>());
  return out;
}

namespace {

std::vector<ConsentStore::Point> Points(const pqxx::result& rows) {
  std::vector<ConsentStore::Point> out;
  for (const auto& row : rows) {
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(),
                   row[3].as<int>(), pqxx::binarystring(row[4]).str()});
  }
  return out;
}

}  // namespace

std::vector<ConsentStore::Point> ConsentStore::PointsOfCustomers(
    pqxx::work& tx, const std::vector<std::string>& customer_ids) const {
  if (customer_ids.empty()) return {};
  return Points(tx.exec_params(
      "SELECT customer_id::text, contact_point_id::text, type, status, value_index"
      " FROM contact_points WHERE customer_id = ANY($1::uuid[]) ORDER BY customer_id, position",
      pg::ArrayLiteral(customer_ids)));
}

std::vector<ConsentStore::Point> ConsentStore::PointsWithIndexes(
    pqxx::work& tx, const std::vector<std::string>& value_indexes) const {
  if (value_indexes.empty()) return {};
  return Points(tx.exec_params(
      "SELECT customer_id::text, contact_point_id::text, type, status, value_index"
      " FROM contact_points WHERE value_index = ANY($1::bytea[]) AND type IN (1, 2)"
      " ORDER BY customer_id, position",
      ByteaArrayLiteral(value_indexes)));
}

}  // namespace tmk::contacts
