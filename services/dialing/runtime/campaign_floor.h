#pragma once
// One dialing campaign as the dialer runs it (R17, R20): its settings, the pacing policy of its
// mode, what pacing has measured on its calls, its abandon ledger (rebuilt from the stored
// minutes, so the rolling windows survive restarts) and its calls in flight.
#include <memory>

#include "absl/status/statusor.h"
#include "services/dialing/domain/abandon_ledger.h"
#include "services/dialing/domain/dial_mode.h"
#include "services/dialing/domain/pacing_statistics.h"
#include "telemarketing/dialing/v1/campaign_runtime.pb.h"

namespace tmk::dialing {

struct CampaignFloor {
  telemarketing::dialing::v1::CampaignRuntime settings;
  DialMode mode = DialMode::kUnspecified;
  std::unique_ptr<DialPolicy> policy;  // null for preview and manual: agents dial
  PacingStatistics statistics;
  AbandonLedger ledger;
  int dialing = 0;    // launched, no outcome yet
  int waiting = 0;    // answered by a person, no agent yet
  int connected = 0;  // with an agent
  bool compliance_hold = false;  // the abandon budget is spent (R20, LimitToAbandonBudget)

  // INVALID_ARGUMENT for a power ratio below 1. `ledger`: the campaign's, as stored.
  static absl::StatusOr<std::unique_ptr<CampaignFloor>> Create(
      const telemarketing::dialing::v1::CampaignRuntime& settings, AbandonLedger ledger);
};

}  // namespace tmk::dialing
