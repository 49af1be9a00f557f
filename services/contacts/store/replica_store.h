#pragma once
// PostgreSQL access for replicas of other regions' customers (R5, R32): the only place with their
// SQL. A replica is a row of `customers` (so every read, lookup, consent and callability check
// sees it), sealed like an owned customer (R6), plus its bookkeeping in customer_replicas.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/contacts/domain/update_proposal_rules.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/identifier_cipher.h"

namespace tmk::contacts {

class ReplicaStore {
 public:
  explicit ReplicaStore(const IdentifierCipher& cipher) : cipher_(cipher), customers_(cipher) {}

  struct Held {
    std::string region_id;  // the customer's region as this region stores it
    bool replica = false;   // false: this region owns it
    HlcTimestamp snapshot_hlc;
    FieldClocks field_hlc;  // the owner's, as last received
  };
  // What this region holds under the id, owned or replica; nullopt when nothing.
  std::optional<Held> Find(pqxx::work& tx, const std::string& customer_id) const;

  // Writes the replica as shared (`customer` with replica set and its masked and withheld
  // lists) with its contact points. `lookup_keys` (contact_point_id -> hex blind index from the
  // owner) becomes each phone's index, so lookups by number find it; points without one (e-mail,
  // withheld numbers) get an index no number matches.
  void Upsert(pqxx::work& tx, const telemarketing::contacts::v1::Customer& customer,
              const HlcTimestamp& snapshot_hlc, const FieldClocks& field_hlc,
              const std::map<std::string, std::string>& lookup_keys, TimePoint now) const;
  // Erases the replica and everything attached to it (the owner erased the customer, R6).
  void Erase(pqxx::work& tx, const std::string& customer_id) const;

 private:
  const IdentifierCipher& cipher_;
  CustomerStore customers_;
};

}  // namespace tmk::contacts
