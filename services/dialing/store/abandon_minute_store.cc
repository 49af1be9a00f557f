#include "services/dialing/store/abandon_minute_store.h"

#include <chrono>

namespace tmk::dialing {
namespace {

int64_t MinuteOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
}

}  // namespace

void AbandonMinuteStore::Record(pqxx::work& tx, const std::string& campaign_id, TimePoint at,
                                bool abandoned) const {
  tx.exec_params(
      "INSERT INTO abandon_minutes (campaign_id, minute, live_answers, abandons)"
      " VALUES ($1, $2, 1, $3) ON CONFLICT (campaign_id, minute) DO UPDATE SET"
      " live_answers = abandon_minutes.live_answers + 1,"
      " abandons = abandon_minutes.abandons + EXCLUDED.abandons",
      campaign_id, MinuteOf(at), abandoned ? 1 : 0);
}

std::vector<AbandonMinute> AbandonMinuteStore::Last30Days(pqxx::work& tx,
                                                          const std::string& campaign_id,
                                                          TimePoint now) const {
  pqxx::result r = tx.exec_params(
      "SELECT minute, live_answers, abandons FROM abandon_minutes WHERE campaign_id = $1"
      " AND minute > $2 - 43200 AND minute <= $2 ORDER BY minute",
      campaign_id, MinuteOf(now));
  std::vector<AbandonMinute> out;
  for (const pqxx::row& row : r) {
    out.push_back({row[0].as<int64_t>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<AbandonLedger> AbandonMinuteStore::Ledger(pqxx::work& tx,
                                                        const std::string& campaign_id,
                                                        TimePoint now,
                                                        double abandon_target) const {
  absl::StatusOr<AbandonLedger> ledger = AbandonLedger::Create(abandon_target);
  if (!ledger.ok()) return ledger.status();
  // R20: yesterday's abandons still count today, whatever happened to the process meanwhile.
  for (const AbandonMinute& m : Last30Days(tx, campaign_id, now)) {
    const TimePoint at{std::chrono::minutes(m.minute)};
    for (int64_t i = 0; i < m.live_answers; ++i) ledger->RecordLiveAnswer(at, i < m.abandons);
  }
  ledger->AdvanceTo(now);
  return ledger;
}

}  // namespace tmk::dialing
