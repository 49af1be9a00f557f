#include "services/contacts/store/dnc_store.h"

#include "services/common/pg/array_literal.h"
#include "services/contacts/store/bytea.h"
#include "services/contacts/store/consent_store.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

long long Micros(const google::protobuf::Timestamp& t) {
  return static_cast<long long>(t.seconds()) * 1000000 + t.nanos() / 1000;
}

// Columns `dnc_entry_id::text, record` at `at`.
v1::DncEntry Open(const IdentifierCipher& cipher, const pqxx::row& row, int at = 0) {
  return cipher.OpenDncEntry(row[at].as<std::string>(), pqxx::binarystring(row[at + 1]).str());
}

}  // namespace

std::optional<DncStore::Request> DncStore::FindRequest(pqxx::work& tx,
                                                       const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT method, fingerprint, dnc_entry_id::text FROM dnc_requests WHERE request_id = $1",
      request_id);
  if (rows.empty()) return std::nullopt;
  return Request{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                 rows[0][2].as<std::string>()};
}

void DncStore::SaveRequest(pqxx::work& tx, const std::string& request_id,
                           const Request& request) const {
  tx.exec_params(
      "INSERT INTO dnc_requests (request_id, method, fingerprint, dnc_entry_id)"
      " VALUES ($1, $2, $3, $4::uuid)",
      request_id, request.method, request.fingerprint, request.dnc_entry_id);
}

void DncStore::Insert(pqxx::work& tx, const v1::DncEntry& entry) const {
  std::string expire = entry.has_expire_time() ? std::to_string(Micros(entry.expire_time())) : "";
  tx.exec_params(
      "INSERT INTO dnc_entries (dnc_entry_id, scope, region_id, campaign_id, customer_id,"
      " phone_index, channel, reason, expire_time, create_time, record)"
      " VALUES ($1::uuid, $2, $3, $4, NULLIF($5, '')::uuid, NULLIF($6, ''::bytea), $7, $8,"
      " timestamptz 'epoch' + NULLIF($9, '')::bigint * interval '1 microsecond',"
      " timestamptz 'epoch' + $10::bigint * interval '1 microsecond', $11)",
      entry.dnc_entry_id(), static_cast<int>(entry.scope()), entry.region_id(), entry.campaign_id(),
      entry.customer_id(), ByteaParam(cipher_.ContactIndex(entry.phone_number())),
      static_cast<int>(entry.channel()), static_cast<int>(entry.reason()), expire,
      Micros(entry.create_time()), ByteaParam(cipher_.SealDncEntry(entry)));
}

std::optional<DncStore::Stored> DncStore::Find(pqxx::work& tx,
                                               const std::string& dnc_entry_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT dnc_entry_id::text, record, delete_time IS NOT NULL FROM dnc_entries"
      " WHERE dnc_entry_id = $1::uuid",
      dnc_entry_id);
  if (rows.empty()) return std::nullopt;
  return Stored{Open(cipher_, rows[0]), rows[0][2].as<bool>()};
}

bool DncStore::Lift(pqxx::work& tx, const std::string& dnc_entry_id, TimePoint at,
                    const std::string& actor, const std::string& reason) const {
  pqxx::result rows = tx.exec_params(
      "UPDATE dnc_entries SET delete_time = timestamptz 'epoch' + $2::bigint * interval '1 microsecond',"
      " delete_actor = $3, delete_reason = $4"
      " WHERE dnc_entry_id = $1::uuid AND delete_time IS NULL RETURNING 1",
      dnc_entry_id, ToMicros(at), actor, reason);
  return !rows.empty();
}

std::vector<v1::DncEntry> DncStore::List(pqxx::work& tx, const Filter& f) const {
  // dnc_entry_id is a UUIDv7: its order is the creation order.
  pqxx::result rows = tx.exec_params(
      "SELECT dnc_entry_id::text, record FROM dnc_entries"
      " WHERE ($1 = '' OR customer_id = NULLIF($1, '')::uuid)"
      " AND ($2 = ''::bytea OR phone_index = $2)"
      " AND ($3 = 0 OR scope = $3)"
      " AND ($4 = '' OR campaign_id = $4)"
      " AND ($5 OR (delete_time IS NULL AND (expire_time IS NULL OR expire_time >"
      "   timestamptz 'epoch' + $6::bigint * interval '1 microsecond')))"
      " AND ($7 = '' OR dnc_entry_id < NULLIF($7, '')::uuid)"
      " ORDER BY dnc_entry_id DESC LIMIT $8",
      f.customer_id, ByteaParam(f.phone_index), f.scope, f.campaign_id, f.show_inactive,
      ToMicros(f.now), f.after_id, f.limit);
  std::vector<v1::DncEntry> out;
  for (const auto& row : rows) out.push_back(Open(cipher_, row));
  return out;
}

std::vector<DncStore::Target> DncStore::ForTargets(pqxx::work& tx,
                                                   const std::vector<std::string>& customer_ids,
                                                   const std::vector<std::string>& phone_indexes) const {
  std::vector<Target> out;
  if (customer_ids.empty() && phone_indexes.empty()) return out;
  pqxx::result rows = tx.exec_params(
      "SELECT dnc_entry_id::text, scope, region_id, campaign_id, channel,"
      " (extract(epoch FROM expire_time) * 1000000)::bigint, coalesce(customer_id::text, ''),"
      " phone_index FROM dnc_entries WHERE delete_time IS NULL"
      " AND (customer_id = ANY($1::uuid[]) OR phone_index = ANY($2::bytea[]))",
      pg::ArrayLiteral(customer_ids), ByteaArrayLiteral(phone_indexes));
  for (const auto& row : rows) {
    Target t;
    t.fact.dnc_entry_id = row[0].as<std::string>();
    t.fact.scope = static_cast<DncScope>(row[1].as<int>());
    t.fact.region_id = row[2].as<std::string>();
    t.fact.campaign_id = row[3].as<std::string>();
    t.fact.channel = static_cast<ContactChannel>(row[4].as<int>());
    if (!row[5].is_null()) t.fact.expire_time = FromMicros(row[5].as<long long>());
    t.customer_id = row[6].as<std::string>();
    if (!row[7].is_null()) t.phone_index = pqxx::binarystring(row[7]).str();
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace tmk::contacts
