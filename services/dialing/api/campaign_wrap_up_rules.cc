#include "services/dialing/api/campaign_wrap_up_rules.h"

#include "absl/strings/str_cat.h"
#include "services/campaigns/api/contact_strategy_mapping.h"
#include "services/campaigns/api/disposition_mapping.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {

const campaigns::Disposition* CampaignWrapUpRules::Find(const std::string& code) const {
  for (const campaigns::Disposition& d : dispositions.dispositions) {
    if (d.code == code && !d.retired) return &d;
  }
  return nullptr;
}

absl::StatusOr<CampaignWrapUpRules> LoadWrapUpRules(pqxx::work& tx,
                                                    const CampaignProjectionStore& store,
                                                    const std::string& campaign_id) {
  std::optional<CampaignProjectionRow> row = store.Find(tx, campaign_id);
  CampaignWrapUpRules rules;
  if (!row || !rules.snapshot.ParseFromString(row->snapshot)) {
    return WithReason(absl::NotFoundError(absl::StrCat("campaign ", campaign_id, " not found")),
                      "CAMPAIGN_NOT_FOUND");
  }
  rules.strategy = campaigns::ToDomain(rules.snapshot.campaign().contact_strategy());
  rules.dispositions = campaigns::ToDomain(rules.snapshot.disposition_set());
  return rules;
}

}  // namespace tmk::dialing
