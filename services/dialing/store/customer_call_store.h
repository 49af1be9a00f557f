#pragma once
// Calls per customer across the region's campaigns (R20): the counters behind frequency caps and
// the abandoned-call recall block. HopperStore::Take records each placed call; this reads them.
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_eligibility.h"

namespace tmk::dialing {

class CustomerCallStore {
 public:
  // Counts over the rolling day, week and 30 days ending at `now`; customers never called are
  // absent. `except_lead_id`: the call HopperStore::Take just recorded for that lead at `now` is
  // not counted, so the dialer can judge the call it is about to place (R20).
  std::map<std::string, CustomerCallCounts> Counts(pqxx::work& tx,
                                                   const std::vector<std::string>& customer_ids,
                                                   TimePoint now,
                                                   const std::string& except_lead_id = "") const;
  // A call to the customer for the lead placed at `now`, counted from now on (R20); the hopper's
  // Take records its own in its statement.
  void Record(pqxx::work& tx, const std::string& customer_id, const std::string& lead_id,
              TimePoint now) const;
  // The lead's latest call was abandoned (R20): the customer is not called again within the
  // recall block unless an agent is reserved first.
  void MarkAbandoned(pqxx::work& tx, const std::string& lead_id) const;
};

}  // namespace tmk::dialing
