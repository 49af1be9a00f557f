#pragma once
// CampaignRuntimeChanged on tm.calls.v1 (key = campaign id, R17, R20, R29): a campaign's dialing
// state, mode or limits changed. Appended in the transaction of the change (outbox).
#include <pqxx/pqxx>

#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "telemarketing/dialing/v1/campaign_runtime.pb.h"

namespace tmk::dialing {

class CampaignRuntimeEvents {
 public:
  CampaignRuntimeEvents(std::string region, const Clock& clock, HybridLogicalClock& hlc)
      : region_(std::move(region)), clock_(clock), hlc_(hlc) {}

  void Changed(pqxx::work& tx, const telemarketing::dialing::v1::CampaignRuntime& runtime) const;

 private:
  std::string region_;
  const Clock& clock_;
  HybridLogicalClock& hlc_;
};

}  // namespace tmk::dialing
