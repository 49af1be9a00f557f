#pragma once
// PostgreSQL access for callbacks (R13, R17): the only place with their SQL. The record is the
// full telemarketing.dialing.v1.Callback; the columns beside it serve listings, the one-open-
// callback-per-lead rule and optimistic concurrency.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "telemarketing/dialing/v1/callback.pb.h"

namespace tmk::dialing {

struct CallbackFilter {
  std::string campaign_id;
  std::string owner_agent_id;
  std::vector<int> states;  // CallbackState values; empty: SCHEDULED and DUE
  std::optional<TimePoint> due_before;
};

class CallbackStore {
 public:
  // False when the lead already has an open callback (callbacks_one_open_per_lead).
  bool Insert(pqxx::work& tx, const telemarketing::dialing::v1::Callback& callback) const;
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::Callback& callback) const;
  std::optional<telemarketing::dialing::v1::Callback> Find(pqxx::work& tx,
                                                          const std::string& callback_id,
                                                          bool for_update = false) const;
  // The lead's open callback (SCHEDULED, DUE or IN_PROGRESS), locked; nothing when none.
  std::optional<telemarketing::dialing::v1::Callback> FindOpenForLead(
      pqxx::work& tx, const std::string& lead_id) const;
  // By callback time, then id, after the (time, id) key `after` ("" for the first page).
  std::vector<telemarketing::dialing::v1::Callback> List(pqxx::work& tx,
                                                         const CallbackFilter& filter, int limit,
                                                         const std::string& after_id) const;
};

}  // namespace tmk::dialing
