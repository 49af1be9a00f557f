#include "services/dialing/runtime/campaign_floor.h"

namespace tmk::dialing {

absl::StatusOr<std::unique_ptr<CampaignFloor>> CampaignFloor::Create(
    const telemarketing::dialing::v1::CampaignRuntime& settings, AbandonLedger ledger) {
  absl::StatusOr<PacingStatistics> statistics = PacingStatistics::Create({});
  if (!statistics.ok()) return statistics.status();
  const DialMode mode = static_cast<DialMode>(settings.dial_mode());
  std::unique_ptr<DialPolicy> policy;
  if (IsPaced(mode)) {
    absl::StatusOr<std::unique_ptr<DialPolicy>> made =
        MakeDialPolicy(mode, settings.power_ratio());
    if (!made.ok()) return made.status();
    policy = *std::move(made);
  }
  return std::unique_ptr<CampaignFloor>(new CampaignFloor{
      settings, mode, std::move(policy), *std::move(statistics), std::move(ledger)});
}

}  // namespace tmk::dialing
