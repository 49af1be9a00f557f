#pragma once
// PostgreSQL side of the order projection (R4, R13, R27): each order's latest state and the
// customer timeline's order entries.
#include <pqxx/pqxx>

#include <string>

#include "services/common/core/clock.h"

namespace tmk::reporting {

struct OrderFact {
  std::string order_id;
  std::string campaign_id;
  std::string variant_id;
  std::string agent_id;
  std::string customer_id;
  std::string call_id;
  std::string region_id;
  int state = 0;
  std::string currency_code;
  // Decimal text of the total, e.g. "199.50" (kept exact in SQL numeric).
  std::string total;
  TimePoint create_time;
  TimePoint update_time;
  std::string summary;
};

class OrderProjectionStore {
 public:
  // The latest update wins, so replays and late events change nothing.
  void Upsert(pqxx::work& tx, const OrderFact& order) const;
};

}  // namespace tmk::reporting
