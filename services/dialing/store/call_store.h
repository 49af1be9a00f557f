#pragma once
// PostgreSQL access for calls (R17, R20, R26): the only place with their SQL. A call's row and
// the CallEvent announcing its step are written in one transaction by CallLedger; `sequence`
// numbers those events per call.
#include <pqxx/pqxx>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "telemarketing/dialing/v1/call.pb.h"

namespace tmk::dialing {

struct CallRow {
  telemarketing::dialing::v1::Call call;
  int64_t sequence = 0;  // the last CallEvent sequence published
};

struct CallFilter {
  std::string campaign_id;  // each empty: any
  std::string lead_id;
  std::string customer_id;
  std::string agent_id;
};

class CallStore {
 public:
  void Insert(pqxx::work& tx, const CallRow& row) const;
  // The row as changed, its customer included (an inbound caller identified after arrival, R18),
  // so listing a customer's calls finds it.
  void Update(pqxx::work& tx, const CallRow& row) const;
  // Update, and the call now belongs to the row's campaign and lead: an inbound call a cross-sell
  // attached to a campaign (R18), so the campaign's and the lead's calls include it.
  void UpdateWithCampaign(pqxx::work& tx, const CallRow& row) const;
  // Nothing for an unknown id, including one that is not a UUID.
  std::optional<CallRow> Find(pqxx::work& tx, const std::string& call_id,
                              bool for_update = false) const;
  // Calls not yet ENDED (dialing, ringing, waiting, connected, transferring), of every campaign:
  // at start-up these were lost with the process that placed them.
  std::vector<CallRow> ListUnfinished(pqxx::work& tx) const;
  // Newest first, strictly older than `after_call_id` when set.
  std::vector<telemarketing::dialing::v1::Call> List(pqxx::work& tx, const CallFilter& filter,
                                                     int limit,
                                                     const std::string& after_call_id) const;
  // The lead's calls other than `except_call_id` per outcome (common.v1.CallOutcome values): the
  // per-outcome attempt counts the retry rules read (R12, R17).
  std::map<int, int> OutcomeCounts(pqxx::work& tx, const std::string& lead_id,
                                   const std::string& except_call_id) const;
};

}  // namespace tmk::dialing
