#include "services/contacts/store/plaintext_row_sealer.h"

#include <google/protobuf/util/json_util.h>

#include <stdexcept>
#include <thread>

#include "services/common/pg/array_literal.h"
#include "services/contacts/store/bytea.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

// A legacy jsonb change value; SQL NULL was "unset".
void FromJson(const pqxx::field& field, google::protobuf::Value* value) {
  if (field.is_null()) {
    value->set_null_value(google::protobuf::NULL_VALUE);
    return;
  }
  if (!google::protobuf::util::JsonStringToMessage(field.as<std::string>(), value).ok()) {
    throw std::runtime_error("a stored profile change value does not parse");
  }
}

}  // namespace

absl::StatusOr<long long> PlaintextRowSealer::SealAll(pg::PgPool& pool, int batch_size) const {
  long long total = 0;
  for (;;) {
    long long sealed = 0, remaining = 0;
    absl::Status status = pool.Transact([&](pqxx::work& tx) -> absl::Status {
      sealed = SealBatch(tx, batch_size);
      remaining = sealed > 0 ? 1 : Remaining(tx);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    total += sealed;
    if (remaining == 0) return total;
    // Nothing sealable here but rows left: another replica holds them; wait for its commit.
    if (sealed == 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

long long PlaintextRowSealer::SealBatch(pqxx::work& tx, int limit) const {
  return SealCustomers(tx, limit) + SealContactPoints(tx, limit) + SealDncEntries(tx, limit) +
         SealProfileChanges(tx, limit);
}

long long PlaintextRowSealer::Remaining(pqxx::work& tx) const {
  return tx.exec(
               "SELECT (SELECT count(*) FROM customers WHERE record IS NULL)"
               " + (SELECT count(*) FROM contact_points WHERE sealed_value IS NULL)"
               " + (SELECT count(*) FROM dnc_entries WHERE record IS NULL)"
               " + (SELECT count(*) FROM profile_changes WHERE sealed_values IS NULL)")[0][0]
      .as<long long>();
}

// Each batch is written back with one set-wise UPDATE: statement round trips, not AES, are what
// a start-up over millions of rows would wait on.

long long PlaintextRowSealer::SealCustomers(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, legacy_record FROM customers WHERE record IS NULL"
      " LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  if (rows.empty()) return 0;
  std::vector<std::string> ids, records, names;
  for (const auto& row : rows) {
    v1::Customer customer;
    if (!customer.ParseFromString(pqxx::binarystring(row[1]).str())) {
      throw std::runtime_error("customer record " + row[0].as<std::string>() + " does not parse");
    }
    ids.push_back(row[0].as<std::string>());
    records.push_back(cipher_.SealCustomer(customer));
    names.push_back(cipher_.NameIndex(customer.display_name()));
  }
  tx.exec_params(
      "UPDATE customers c SET record = u.record, name_index = u.name_index, legacy_record = NULL"
      " FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS u(id, record, name_index)"
      " WHERE c.customer_id = u.id",
      pg::ArrayLiteral(ids), ByteaArrayLiteral(records), ByteaArrayLiteral(names));
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealContactPoints(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT contact_point_id::text, customer_id::text, legacy_value, legacy_normalized_value"
      " FROM contact_points WHERE sealed_value IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  if (rows.empty()) return 0;
  std::vector<std::string> ids, sealed, indexes;
  for (const auto& row : rows) {
    v1::ContactPoint point;
    point.set_contact_point_id(row[0].as<std::string>());
    point.set_value(row[2].as<std::string>());
    point.set_normalized_value(row[3].as<std::string>());
    ids.push_back(point.contact_point_id());
    sealed.push_back(cipher_.SealContactPoint(row[1].as<std::string>(), point));
    indexes.push_back(cipher_.ContactIndex(point.normalized_value()));
  }
  tx.exec_params(
      "UPDATE contact_points p SET sealed_value = u.sealed, value_index = u.value_index,"
      " legacy_value = NULL, legacy_normalized_value = NULL"
      " FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS u(id, sealed, value_index)"
      " WHERE p.contact_point_id = u.id",
      pg::ArrayLiteral(ids), ByteaArrayLiteral(sealed), ByteaArrayLiteral(indexes));
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealDncEntries(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT dnc_entry_id::text, legacy_record FROM dnc_entries WHERE record IS NULL"
      " LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  if (rows.empty()) return 0;
  std::vector<std::string> ids, records, indexes;
  for (const auto& row : rows) {
    v1::DncEntry entry;
    if (!entry.ParseFromString(pqxx::binarystring(row[1]).str())) {
      throw std::runtime_error("dnc entry " + row[0].as<std::string>() + " does not parse");
    }
    ids.push_back(row[0].as<std::string>());
    records.push_back(cipher_.SealDncEntry(entry));
    indexes.push_back(cipher_.ContactIndex(entry.phone_number()));
  }
  tx.exec_params(
      "UPDATE dnc_entries d SET record = u.record, phone_index = NULLIF(u.phone_index, ''::bytea),"
      " legacy_record = NULL"
      " FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) AS u(id, record, phone_index)"
      " WHERE d.dnc_entry_id = u.id",
      pg::ArrayLiteral(ids), ByteaArrayLiteral(records), ByteaArrayLiteral(indexes));
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealProfileChanges(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT change_id::text, customer_id::text, legacy_old_value::text, legacy_new_value::text"
      " FROM profile_changes WHERE sealed_values IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  if (rows.empty()) return 0;
  std::vector<std::string> ids, sealed;
  for (const auto& row : rows) {
    v1::ProfileChange change;
    change.set_change_id(row[0].as<std::string>());
    change.set_customer_id(row[1].as<std::string>());
    FromJson(row[2], change.mutable_old_value());
    FromJson(row[3], change.mutable_new_value());
    ids.push_back(change.change_id());
    sealed.push_back(cipher_.SealChangeValues(change));
  }
  tx.exec_params(
      "UPDATE profile_changes h SET sealed_values = u.sealed, legacy_old_value = NULL,"
      " legacy_new_value = NULL FROM unnest($1::uuid[], $2::bytea[]) AS u(id, sealed)"
      " WHERE h.change_id = u.id",
      pg::ArrayLiteral(ids), ByteaArrayLiteral(sealed));
  return static_cast<long long>(rows.size());
}

}  // namespace tmk::contacts
