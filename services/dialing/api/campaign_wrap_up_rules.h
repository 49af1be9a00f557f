#pragma once
// What dialing needs of a campaign to end its calls (R11-R13, R17): the contact strategy the
// lead scheduler runs, the disposition set agents choose from, the products orders may carry,
// the default dial mode and type — read from dialing's projection of tm.campaigns.v1, never a
// call to campaigns.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/campaigns/domain/contact_strategy.h"
#include "services/campaigns/domain/disposition_rules.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::dialing {

struct CampaignWrapUpRules {
  telemarketing::events::v1::CampaignSnapshot snapshot;
  campaigns::ContactStrategy strategy;
  campaigns::DispositionSet dispositions;

  // The active (not retired) disposition with `code`, or null.
  const campaigns::Disposition* Find(const std::string& code) const;
};

// NOT_FOUND (reason CAMPAIGN_NOT_FOUND) for a campaign dialing has not learnt of, or deleted.
absl::StatusOr<CampaignWrapUpRules> LoadWrapUpRules(pqxx::work& tx,
                                                    const CampaignProjectionStore& store,
                                                    const std::string& campaign_id);

}  // namespace tmk::dialing
