#include "services/dialing/store/lead_wait_store.h"

#include "absl/strings/str_cat.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {

std::optional<HopperBlockReason> LeadWaitStore::CommonHoldReason(pqxx::work& tx,
                                                                 const std::string& campaign_id,
                                                                 TimePoint now) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT hold_reason FROM leads WHERE campaign_id = $1 AND state IN (1, 2, 3)"
                   " AND hold_reason <> 0 AND hold_until > ", MicrosToTime(2),
                   " GROUP BY hold_reason ORDER BY count(*) DESC, hold_reason LIMIT 1"),
      campaign_id, Micros(now));
  if (r.empty()) return std::nullopt;
  return static_cast<HopperBlockReason>(r[0][0].as<int>());
}

}  // namespace tmk::dialing
