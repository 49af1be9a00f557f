#pragma once
// The dialer's own word on a campaign it runs (R10, R17, R20): why it is not dialing now.
// COMPLIANCE_HOLD while the abandon budget is spent (LimitToAbandonBudget), OUTSIDE_WINDOW while
// the hopper is dry and most held leads wait for a calling window or holiday, RUNNING
// otherwise. Stored on the campaign's runtime with CampaignRuntimeChanged in one transaction
// (outbox), only when it changes, so GetCampaignRuntime and reporting see it; a campaign stopped
// meanwhile keeps STOPPED.
#include <map>
#include <string>

#include "services/common/core/clock.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/campaign_runtime_events.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/lead_wait_store.h"
#include "telemarketing/dialing/v1/campaign_runtime.pb.h"

namespace tmk::dialing {

// States in which the dialer works the campaign: started, whatever it says about why it waits.
bool IsDialing(telemarketing::dialing::v1::DialingState state);

class CampaignStateRecorder {
 public:
  CampaignStateRecorder(pg::PgPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  // Nothing is recorded until the events are set (the module sets them; some tests do not).
  void SetEvents(const CampaignRuntimeEvents* events) { events_ = events; }

  // After a dial decision: `wanted` whether pacing asked for calls, `dry` whether the hopper had
  // no lead for them. A decision that wanted none says nothing about windows.
  void Observe(const std::string& campaign_id, bool compliance_hold, bool wanted, bool dry);
  // The campaign was (re)started or retuned: its stored state is no longer known here.
  void Forget(const std::string& campaign_id) { last_.erase(campaign_id); }

 private:
  void Record(const std::string& campaign_id, telemarketing::dialing::v1::DialingState state);

  pg::PgPool& pool_;
  const Clock& clock_;
  const CampaignRuntimeEvents* events_ = nullptr;
  CampaignRuntimeStore runtimes_;
  LeadWaitStore waits_;
  std::map<std::string, telemarketing::dialing::v1::DialingState> last_;
};

}  // namespace tmk::dialing
