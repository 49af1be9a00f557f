#pragma once
// Publishes CampaignSnapshot events (tm.campaigns.v1, compacted, key = campaign_id): the full
// current definition of a campaign with its disposition set, script versions and goals, so that
// dialing and reporting keep their own projections (R7, R31). Called inside the transaction that
// changed anything a snapshot includes, so the change and its event commit together (outbox).
#include <pqxx/pqxx>

#include <string>

#include "services/campaigns/store/campaign_store.h"
#include "services/campaigns/store/disposition_set_store.h"
#include "services/campaigns/store/goal_store.h"
#include "services/campaigns/store/script_store.h"
#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"

namespace tmk::campaigns {

class CampaignSnapshots {
 public:
  CampaignSnapshots(std::string region, const Clock& clock, HybridLogicalClock& hlc)
      : region_(std::move(region)), clock_(clock), hlc_(hlc) {}

  // The campaign as stored now (a deleted one yields a tombstone snapshot).
  void Publish(pqxx::work& tx, const std::string& campaign_id) const;
  // Every campaign using the script version, after its review state changed.
  void PublishUsingScriptVersion(pqxx::work& tx, const std::string& script_id,
                                 int32_t version) const;
  // Every campaign using the disposition set, after the set changed.
  void PublishUsingDispositionSet(pqxx::work& tx, const std::string& disposition_set_id) const;

 private:
  std::string region_;
  const Clock& clock_;
  HybridLogicalClock& hlc_;
  CampaignStore campaigns_;
  DispositionSetStore disposition_sets_;
  GoalStore goals_;
  ScriptStore scripts_;
};

}  // namespace tmk::campaigns
