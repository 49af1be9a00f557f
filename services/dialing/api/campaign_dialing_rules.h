#pragma once
// What dialing needs to know about a campaign to load, schedule and dial its leads (R7, R8, R10,
// R17, R20), read from its own projection of tm.campaigns.v1 (never a call to campaigns): the
// calling windows with the region's contact policy, the list, the purpose and the state.
#include <pqxx/pqxx>

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/campaigns/domain/calling_windows.h"
#include "services/contacts/domain/callability.h"
#include "services/dialing/store/campaign_projection_store.h"

namespace tmk::dialing {

struct CampaignDialingRules {
  std::string campaign_id;
  std::string region;
  int state = 0;  // telemarketing.campaigns.v1.CampaignState
  std::string target_list_id;
  contacts::ContactPurpose purpose = contacts::ContactPurpose::kMarketing;
  campaigns::CampaignCallingWindows windows;
  // The region's policy as projected, else campaigns' default policy.
  campaigns::ContactPolicy policy;
  std::chrono::milliseconds callback_grace{0};  // the strategy's; 0 takes the default

  // PILOT and ACTIVE campaigns are dialed; PAUSED ones keep their leads but ring nobody.
  bool dialing() const { return state == 2 || state == 3; }
  // The calendars for a customer of `kind` (telemarketing.common.v1.CustomerKind).
  std::vector<calendar::CallingCalendar> CalendarsFor(int kind) const;
};

// NOT_FOUND (reason CAMPAIGN_NOT_FOUND) for a campaign dialing has not learnt of, or deleted.
absl::StatusOr<CampaignDialingRules> LoadCampaignRules(pqxx::work& tx,
                                                       const CampaignProjectionStore& store,
                                                       const std::string& campaign_id);

// Every PILOT or ACTIVE campaign's rules.
std::vector<CampaignDialingRules> LoadDialingCampaigns(pqxx::work& tx,
                                                       const CampaignProjectionStore& store);

}  // namespace tmk::dialing
