#pragma once
// PostgreSQL access for the profile-change history (R3): the only place with its SQL.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/history.pb.h"

namespace tmk::contacts {

class CustomerHistoryStore {
 public:
  explicit CustomerHistoryStore(const IdentifierCipher& cipher) : cipher_(cipher) {}

  // Appends one change; old_value/new_value are sealed together (R6: those of names, addresses
  // and contact points are identifiers).
  void Append(pqxx::work& tx, const telemarketing::contacts::v1::ProfileChange& change) const;
  // Newest first, strictly before `before_change_id` when set; only paths equal to or under one
  // of `field_paths` when that is not empty.
  std::vector<telemarketing::contacts::v1::ProfileChange> List(
      pqxx::work& tx, const std::string& customer_id, const std::vector<std::string>& field_paths,
      const std::string& before_change_id, int limit) const;

 private:
  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
