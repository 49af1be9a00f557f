#include "services/dialing/api/campaign_dialing_rules.h"

#include "absl/strings/str_cat.h"
#include "services/campaigns/domain/contact_policy.h"
#include "services/campaigns/store/calling_windows_mapping.h"
#include "services/common/core/status_details.h"
#include "services/dialing/domain/customer_contact_facts.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::dialing {
namespace {

campaigns::ContactPolicy PolicyOf(pqxx::work& tx, const CampaignProjectionStore& store,
                                  const std::string& region) {
  std::optional<ContactPolicyProjectionRow> row = store.FindContactPolicy(tx, region);
  telemarketing::events::v1::ContactPolicySnapshot snapshot;
  if (!row || !snapshot.ParseFromString(row->snapshot)) {
    return campaigns::DefaultContactPolicy();
  }
  return campaigns::WithPolicyDefaults(campaigns::ToDomain(snapshot.contact_policy()));
}

// A row whose snapshot does not parse was never written by the consumer (it refuses such
// payloads), so it is treated as unknown rather than guessed at.
std::optional<CampaignDialingRules> RulesOf(pqxx::work& tx, const CampaignProjectionStore& store,
                                            const CampaignProjectionRow& row) {
  telemarketing::events::v1::CampaignSnapshot snapshot;
  if (!snapshot.ParseFromString(row.snapshot)) return std::nullopt;
  const telemarketing::campaigns::v1::Campaign& c = snapshot.campaign();
  CampaignDialingRules rules;
  rules.campaign_id = row.campaign_id;
  rules.region = row.region;
  rules.state = row.state;
  rules.target_list_id = c.target_list_id();
  rules.purpose = PurposeOfCampaignType(static_cast<int>(c.type()));
  rules.policy = PolicyOf(tx, store, row.region);
  rules.windows = campaigns::WithWindowDefaults(campaigns::ToDomain(c.calling_windows()),
                                                rules.policy);
  const auto& grace = c.contact_strategy().callback_grace();
  rules.callback_grace = std::chrono::milliseconds(grace.seconds() * 1000 + grace.nanos() / 1000000);
  return rules;
}

}  // namespace

std::vector<calendar::CallingCalendar> CampaignDialingRules::CalendarsFor(int kind) const {
  return campaigns::CallingCalendarsFor(windows, policy, static_cast<campaigns::CustomerKind>(kind));
}

absl::StatusOr<CampaignDialingRules> LoadCampaignRules(pqxx::work& tx,
                                                       const CampaignProjectionStore& store,
                                                       const std::string& campaign_id) {
  std::optional<CampaignProjectionRow> row = store.Find(tx, campaign_id);
  std::optional<CampaignDialingRules> rules = row ? RulesOf(tx, store, *row) : std::nullopt;
  if (!rules) {
    return WithReason(absl::NotFoundError(absl::StrCat("campaign ", campaign_id, " not found")),
                      "CAMPAIGN_NOT_FOUND");
  }
  return *std::move(rules);
}

std::vector<CampaignDialingRules> LoadDialingCampaigns(pqxx::work& tx,
                                                       const CampaignProjectionStore& store) {
  std::vector<CampaignDialingRules> out;
  for (const CampaignProjectionRow& row : store.ListLive(tx)) {
    std::optional<CampaignDialingRules> rules = RulesOf(tx, store, row);
    if (rules && rules->dialing()) out.push_back(*std::move(rules));
  }
  return out;
}

}  // namespace tmk::dialing
