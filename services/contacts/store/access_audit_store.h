#pragma once
// PostgreSQL access for the access audit log (R6): who read which customer's personal data, how,
// why and when. The only place with its SQL; entries are only ever appended.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "telemarketing/contacts/v1/audit.pb.h"

namespace tmk::contacts {

class AccessAuditStore {
 public:
  // One call's entries in one INSERT, so auditing a 1,000-customer batch costs one statement.
  // Each entry has every field set but actor.role and actor.display_name; `actor_roles` are the
  // names of every role the actor held ("agent", "supervisor"…).
  void Append(pqxx::work& tx,
              const std::vector<telemarketing::contacts::v1::AccessAuditEntry>& entries,
              const std::vector<std::string>& actor_roles) const;

  struct Filter {
    std::string customer_id;      // "" for any
    std::string actor_id;         // "" for any
    std::string start_time;       // RFC 3339, inclusive; "" for no bound
    std::string end_time;         // RFC 3339, exclusive; "" for no bound
    std::string before_entry_id;  // keyset: only entries older than this one
    int limit = 100;
  };
  struct Listed {
    telemarketing::contacts::v1::AccessAuditEntry entry;  // actor.role unset
    std::vector<std::string> actor_roles;
  };
  // Newest first.
  std::vector<Listed> List(pqxx::work& tx, const Filter& filter) const;
};

}  // namespace tmk::contacts
