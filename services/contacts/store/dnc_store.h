#pragma once
// PostgreSQL access for do-not-call entries (R6): the only place with their SQL. Entries are
// lifted by soft delete and stay in the table for the audit trail.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/contacts/domain/callability.h"
#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/dnc.pb.h"

namespace tmk::contacts {

// Entries are sealed whole and their numbers matched by blind index (R6): the index is the one
// contact points carry, so a blocked number matches every point with it.
class DncStore {
 public:
  explicit DncStore(const IdentifierCipher& cipher) : cipher_(cipher) {}

  struct Request {
    std::string method;  // "create" or "delete"
    std::string fingerprint;
    std::string dnc_entry_id;
  };
  struct Stored {
    telemarketing::contacts::v1::DncEntry entry;  // phone_number in E.164, unmasked
    bool lifted = false;
  };
  struct Filter {
    std::string customer_id;
    std::string phone_index;  // IdentifierCipher::ContactIndex of the E.164 number; "" for any
    int scope = 0;  // 0: all
    std::string campaign_id;
    bool show_inactive = false;
    TimePoint now;
    std::string after_id;  // keyset: entries older than this one
    int limit = 100;
  };
  // A DNC fact with what it names, for matching against contact points.
  struct Target {
    DncFact fact;
    std::string customer_id;
    std::string phone_index;  // "" for an entry naming only a customer
  };

  std::optional<Request> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& request_id, const Request& request) const;
  // Inserts the entry (id, times and E.164 phone already set).
  void Insert(pqxx::work& tx, const telemarketing::contacts::v1::DncEntry& entry) const;
  std::optional<Stored> Find(pqxx::work& tx, const std::string& dnc_entry_id) const;
  // Marks the entry lifted; false when it does not exist or was already lifted.
  bool Lift(pqxx::work& tx, const std::string& dnc_entry_id, TimePoint at, const std::string& actor,
            const std::string& reason) const;
  // Newest first.
  std::vector<telemarketing::contacts::v1::DncEntry> List(pqxx::work& tx, const Filter& filter) const;
  // Every entry not lifted that names one of these customers or numbers (by blind index; expired
  // ones included: the domain decides what applies).
  std::vector<Target> ForTargets(pqxx::work& tx, const std::vector<std::string>& customer_ids,
                                 const std::vector<std::string>& phone_indexes) const;

 private:
  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
