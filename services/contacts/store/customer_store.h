#pragma once
// PostgreSQL access for customers and their contact points: the only place with their SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

// Names, records and contact values go through IdentifierCipher: sealed on the way in, opened on
// the way out, matched by blind index (R6).
class CustomerStore {
 public:
  explicit CustomerStore(const IdentifierCipher& cipher) : cipher_(cipher) {}

  struct CreateRequest {
    std::string customer_id;
    std::string fingerprint;  // of the request that created it
  };

  std::optional<CreateRequest> FindCreateRequest(pqxx::work& tx, const std::string& request_id) const;
  // Inserts the customer, its contact points and (when request_id is set) the idempotency record.
  void Insert(pqxx::work& tx, const telemarketing::contacts::v1::Customer& customer,
              const std::string& request_id, const std::string& fingerprint) const;
  // for_update locks the row until the transaction ends (read-modify-write of an update).
  std::optional<telemarketing::contacts::v1::Customer> Find(pqxx::work& tx,
                                                            const std::string& customer_id,
                                                            bool for_update = false) const;
  bool Exists(pqxx::work& tx, const std::string& customer_id) const;
  // The customers that exist among `customer_ids` (UUID text), in the order asked.
  std::vector<telemarketing::contacts::v1::Customer> FindMany(
      pqxx::work& tx, const std::vector<std::string>& customer_ids) const;

  // Rewrites the record and its searchable columns, and reconciles the contact points: points
  // whose id is gone are deleted, the others updated in place (ids kept) or inserted.
  void Update(pqxx::work& tx, const telemarketing::contacts::v1::Customer& customer) const;
  // Erases an owned customer with everything that cascades from it: contact points, consents,
  // change history, interactions and its idempotency records (R6 right to deletion). Returns
  // false if there was no such owned customer.
  bool Erase(pqxx::work& tx, const std::string& customer_id) const;
  std::optional<CreateRequest> FindUpdateRequest(pqxx::work& tx,
                                                 const std::string& request_id) const;
  void SaveUpdateRequest(pqxx::work& tx, const std::string& request_id,
                         const std::string& fingerprint, const std::string& customer_id) const;

  // One page of ListCustomers: ids matching `where` (an expression over `customers c`, its
  // placeholders $1..$n bound to `params`), ordered by `order` then customer_id, strictly after
  // the (sort key, id) cursor when set. Each id comes with its sort key, the next cursor.
  // Not by display_name: names are sealed (R6).
  enum class Order { kCreateTime, kUpdateTime };
  struct Cursor {
    std::string sort_key;
    std::string customer_id;
  };
  struct ListedId {
    std::string customer_id;
    std::string sort_key;
  };
  std::vector<ListedId> ListIds(pqxx::work& tx, const std::string& where,
                                const std::vector<std::string>& params, Order order,
                                bool descending, const std::optional<Cursor>& after,
                                int limit) const;

  // SearchCustomers: exact customer_id, external_id or normalised phone first, then customers
  // with this display name (NormalizeDisplayName-equal: names are sealed, so no prefix), each
  // group oldest first; `where`/`params` as above.
  struct SearchKeys {
    std::string customer_id;       // empty unless the query is a UUID
    std::string external_id;
    std::string normalized_phone;  // empty unless the query is a phone number
    std::string display_name;
  };
  std::vector<std::string> SearchIds(pqxx::work& tx, const SearchKeys& keys,
                                     const std::string& where,
                                     const std::vector<std::string>& params, long long offset,
                                     int limit) const;

  // Customers with a contact point of this normalised value, those of `region` first.
  std::vector<std::string> IdsByPhone(pqxx::work& tx, const std::string& normalized,
                                      const std::string& region, int limit) const;

 private:
  void WritePoints(pqxx::work& tx, const telemarketing::contacts::v1::Customer& customer,
                   bool upsert) const;
  void ReadPoint(const pqxx::row& row, telemarketing::contacts::v1::ContactPoint* point) const;

  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
