#include "services/dialing/runtime/campaign_floor.h"

#include <chrono>

namespace tmk::dialing {

absl::StatusOr<std::unique_ptr<CampaignFloor>> CampaignFloor::Create(
    const telemarketing::dialing::v1::CampaignRuntime& settings,
    const std::vector<AbandonMinute>& history) {
  absl::StatusOr<PacingStatistics> statistics = PacingStatistics::Create({});
  if (!statistics.ok()) return statistics.status();
  absl::StatusOr<AbandonLedger> ledger = AbandonLedger::Create(settings.abandon_target());
  if (!ledger.ok()) return ledger.status();
  const DialMode mode = static_cast<DialMode>(settings.dial_mode());
  std::unique_ptr<DialPolicy> policy;
  if (IsPaced(mode)) {
    absl::StatusOr<std::unique_ptr<DialPolicy>> made =
        MakeDialPolicy(mode, settings.power_ratio());
    if (!made.ok()) return made.status();
    policy = *std::move(made);
  }
  // R20: yesterday's abandons still count today, whatever happened to the process meanwhile.
  for (const AbandonMinute& m : history) {
    const TimePoint at{std::chrono::minutes(m.minute)};
    for (int64_t i = 0; i < m.live_answers; ++i) ledger->RecordLiveAnswer(at, i < m.abandons);
  }
  return std::unique_ptr<CampaignFloor>(new CampaignFloor{
      settings, mode, std::move(policy), *std::move(statistics), *std::move(ledger)});
}

}  // namespace tmk::dialing
