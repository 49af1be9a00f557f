#pragma once
// PostgreSQL access for customers and their contact points: the only place with their SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

class CustomerStore {
 public:
  struct CreateRequest {
    std::string customer_id;
    std::string fingerprint;  // of the request that created it
  };

  std::optional<CreateRequest> FindCreateRequest(pqxx::work& tx, const std::string& request_id) const;
  // Inserts the customer, its contact points and (when request_id is set) the idempotency record.
  void Insert(pqxx::work& tx, const telemarketing::contacts::v1::Customer& customer,
              const std::string& request_id, const std::string& fingerprint) const;
  std::optional<telemarketing::contacts::v1::Customer> Find(pqxx::work& tx,
                                                            const std::string& customer_id) const;
};

}  // namespace tmk::contacts
