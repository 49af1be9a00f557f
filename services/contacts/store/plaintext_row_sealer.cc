#include "services/contacts/store/plaintext_row_sealer.h"

#include <google/protobuf/util/json_util.h>

#include <stdexcept>
#include <thread>

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

long long PlaintextRowSealer::SealCustomers(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT customer_id::text, legacy_record FROM customers WHERE record IS NULL"
      " LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  for (const auto& row : rows) {
    v1::Customer customer;
    if (!customer.ParseFromString(pqxx::binarystring(row[1]).str())) {
      throw std::runtime_error("customer record " + row[0].as<std::string>() + " does not parse");
    }
    tx.exec_params(
        "UPDATE customers SET record = $2, name_index = $3, legacy_record = NULL"
        " WHERE customer_id = $1::uuid",
        row[0].as<std::string>(), ByteaParam(cipher_.SealCustomer(customer)),
        ByteaParam(cipher_.NameIndex(customer.display_name())));
  }
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealContactPoints(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT contact_point_id::text, customer_id::text, legacy_value, legacy_normalized_value"
      " FROM contact_points WHERE sealed_value IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  for (const auto& row : rows) {
    v1::ContactPoint point;
    point.set_contact_point_id(row[0].as<std::string>());
    point.set_value(row[2].as<std::string>());
    point.set_normalized_value(row[3].as<std::string>());
    tx.exec_params(
        "UPDATE contact_points SET sealed_value = $2, value_index = $3, legacy_value = NULL,"
        " legacy_normalized_value = NULL WHERE contact_point_id = $1::uuid",
        point.contact_point_id(),
        ByteaParam(cipher_.SealContactPoint(row[1].as<std::string>(), point)),
        ByteaParam(cipher_.ContactIndex(point.normalized_value())));
  }
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealDncEntries(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT dnc_entry_id::text, legacy_record FROM dnc_entries WHERE record IS NULL"
      " LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  for (const auto& row : rows) {
    v1::DncEntry entry;
    if (!entry.ParseFromString(pqxx::binarystring(row[1]).str())) {
      throw std::runtime_error("dnc entry " + row[0].as<std::string>() + " does not parse");
    }
    tx.exec_params(
        "UPDATE dnc_entries SET record = $2, phone_index = NULLIF($3, ''::bytea),"
        " legacy_record = NULL WHERE dnc_entry_id = $1::uuid",
        row[0].as<std::string>(), ByteaParam(cipher_.SealDncEntry(entry)),
        ByteaParam(cipher_.ContactIndex(entry.phone_number())));
  }
  return static_cast<long long>(rows.size());
}

long long PlaintextRowSealer::SealProfileChanges(pqxx::work& tx, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT change_id::text, customer_id::text, legacy_old_value::text, legacy_new_value::text"
      " FROM profile_changes WHERE sealed_values IS NULL LIMIT $1 FOR UPDATE SKIP LOCKED",
      limit);
  for (const auto& row : rows) {
    v1::ProfileChange change;
    change.set_change_id(row[0].as<std::string>());
    change.set_customer_id(row[1].as<std::string>());
    FromJson(row[2], change.mutable_old_value());
    FromJson(row[3], change.mutable_new_value());
    tx.exec_params(
        "UPDATE profile_changes SET sealed_values = $2, legacy_old_value = NULL,"
        " legacy_new_value = NULL WHERE change_id = $1::uuid",
        change.change_id(), ByteaParam(cipher_.SealChangeValues(change)));
  }
  return static_cast<long long>(rows.size());
}

}  // namespace tmk::contacts
