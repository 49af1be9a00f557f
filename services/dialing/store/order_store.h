#pragma once
// PostgreSQL access for orders captured at close (R13, R27): the only place with their SQL. One
// order per call, enforced by the table.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/order.pb.h"

namespace tmk::dialing {

class OrderStore {
 public:
  void Insert(pqxx::work& tx, const telemarketing::dialing::v1::Order& order) const;
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::Order& order) const;
  // Nothing for an unknown id, including one that is not a UUID.
  std::optional<telemarketing::dialing::v1::Order> Find(pqxx::work& tx,
                                                        const std::string& order_id,
                                                        bool for_update = false) const;
  std::optional<telemarketing::dialing::v1::Order> FindByCall(pqxx::work& tx,
                                                              const std::string& call_id) const;
  // Newest first, of the campaign (empty: any), strictly older than `after_order_id` when set.
  std::vector<telemarketing::dialing::v1::Order> List(pqxx::work& tx,
                                                      const std::string& campaign_id, int limit,
                                                      const std::string& after_order_id) const;
};

}  // namespace tmk::dialing
