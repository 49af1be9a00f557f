#include "services/dialing/store/contacts_forwarding_store.h"

#include "absl/strings/str_cat.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {

void ContactsForwardingStore::Insert(pqxx::work& tx, const ContactsForward& f,
                                     TimePoint now) const {
  tx.exec_params(
      absl::StrCat("INSERT INTO contacts_forwarding (forward_id, customer_id, call_id, agent_id,"
                   " kind, payload, next_try_time) VALUES ($1::uuid, $2, $3, $4, $5, $6, ",
                   MicrosToTime(7), ")"),
      f.forward_id, f.customer_id, f.call_id, f.agent_id, static_cast<int>(f.kind),
      pqxx::binarystring(f.payload), Micros(now));
}

std::vector<ContactsForward> ContactsForwardingStore::Claim(pqxx::work& tx, TimePoint now,
                                                            int limit,
                                                            TimePoint lease_end) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("WITH claimed AS (UPDATE contacts_forwarding f SET next_try_time = ",
                   MicrosToTime(3),
                   " FROM (SELECT forward_id, next_try_time FROM contacts_forwarding"
                   " WHERE refuse_time IS NULL AND next_try_time <= ", MicrosToTime(1),
                   " ORDER BY next_try_time LIMIT $2 FOR UPDATE SKIP LOCKED) due"
                   " WHERE f.forward_id = due.forward_id RETURNING f.forward_id::text AS id,"
                   " f.customer_id, f.call_id, f.agent_id, f.kind, f.payload, f.attempts,"
                   " due.next_try_time AS was_due)"
                   " SELECT id, customer_id, call_id, agent_id, kind, payload, attempts"
                   " FROM claimed ORDER BY was_due"),
      Micros(now), limit, Micros(lease_end));
  std::vector<ContactsForward> out;
  for (const pqxx::row& row : r) {
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   row[3].as<std::string>(), static_cast<ForwardKind>(row[4].as<int>()),
                   pqxx::binarystring(row[5]).str(), row[6].as<int>()});
  }
  return out;
}

void ContactsForwardingStore::Delete(pqxx::work& tx, const std::string& forward_id) const {
  tx.exec_params("DELETE FROM contacts_forwarding WHERE forward_id = $1::uuid", forward_id);
}

void ContactsForwardingStore::Postpone(pqxx::work& tx, const std::string& forward_id,
                                       const std::string& error, TimePoint next_try) const {
  tx.exec_params(absl::StrCat("UPDATE contacts_forwarding SET attempts = attempts + 1,"
                              " last_error = $2, next_try_time = ",
                              MicrosToTime(3), " WHERE forward_id = $1::uuid"),
                 forward_id, error, Micros(next_try));
}

void ContactsForwardingStore::Refuse(pqxx::work& tx, const std::string& forward_id,
                                     const std::string& reason, TimePoint now) const {
  tx.exec_params(absl::StrCat("UPDATE contacts_forwarding SET attempts = attempts + 1,"
                              " last_error = $2, refuse_time = ",
                              MicrosToTime(3), " WHERE forward_id = $1::uuid"),
                 forward_id, reason, Micros(now));
}

int ContactsForwardingStore::Count(pqxx::work& tx) const {
  return tx.exec1("SELECT count(*) FROM contacts_forwarding WHERE refuse_time IS NULL")[0]
      .as<int>();
}

int ContactsForwardingStore::CountRefused(pqxx::work& tx) const {
  return tx.exec1("SELECT count(*) FROM contacts_forwarding WHERE refuse_time IS NOT NULL")[0]
      .as<int>();
}

}  // namespace tmk::dialing
