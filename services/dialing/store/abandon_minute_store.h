#pragma once
// PostgreSQL access for the per-minute abandon counts of each campaign (R20): the only place with
// their SQL. The dialer's AbandonLedger is rebuilt from them at start-up, so the rolling 24 h and
// 30-day windows survive a restart.
#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/abandon_ledger.h"

namespace tmk::dialing {

struct AbandonMinute {
  int64_t minute = 0;  // minutes since the Unix epoch
  int64_t live_answers = 0;
  int64_t abandons = 0;
};

class AbandonMinuteStore {
 public:
  // One call answered by a person at `at`, abandoned or not.
  void Record(pqxx::work& tx, const std::string& campaign_id, TimePoint at, bool abandoned) const;
  // The minutes of the 30 days ending at `now`, oldest first.
  std::vector<AbandonMinute> Last30Days(pqxx::work& tx, const std::string& campaign_id,
                                        TimePoint now) const;
  // The campaign's ledger for `abandon_target` as the stored minutes leave it at `now`: the
  // dialer's after a restart, and the rates GetCampaignRuntime reports.
  absl::StatusOr<AbandonLedger> Ledger(pqxx::work& tx, const std::string& campaign_id,
                                       TimePoint now, double abandon_target) const;
};

}  // namespace tmk::dialing
