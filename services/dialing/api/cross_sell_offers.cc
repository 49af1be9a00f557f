#include "services/dialing/api/cross_sell_offers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/dialing/domain/customer_contact_facts.h"
#include "telemarketing/campaigns/v1/campaign.pb.h"
#include "telemarketing/dialing/v1/hopper.pb.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace cv1 = telemarketing::campaigns::v1;

namespace {

absl::Status Refuse(const std::string& message, const char* reason) {
  return WithReason(absl::FailedPreconditionError(message), reason);
}

}  // namespace

std::vector<v1::CrossSellOffer> CrossSellOffers::For(pqxx::work& tx, const v1::Call& call,
                                                     TimePoint now) const {
  std::vector<v1::CrossSellOffer> offers;
  if (call.queue_id().empty() || call.customer_id().empty()) return offers;
  std::optional<v1::InboundQueue> queue = queues_.Find(tx, call.queue_id());
  if (!queue) return offers;
  for (const std::string& campaign_id : queue->cross_sell_campaign_ids()) {
    absl::StatusOr<CrossSellChoice> choice = Check(tx, call, campaign_id, now);
    if (choice.ok()) offers.push_back(choice->offer);
  }
  return offers;
}

absl::StatusOr<CrossSellChoice> CrossSellOffers::Check(pqxx::work& tx, const v1::Call& call,
                                                       const std::string& campaign_id,
                                                       TimePoint now) const {
  std::optional<v1::InboundQueue> queue =
      call.queue_id().empty() ? std::nullopt : queues_.Find(tx, call.queue_id());
  const bool listed = queue && std::count(queue->cross_sell_campaign_ids().begin(),
                                          queue->cross_sell_campaign_ids().end(), campaign_id);
  if (!listed) {
    Violations v;
    v.Add("campaign_id", "not a cross-sell campaign of the call's queue");
    return v.ToStatus("no such cross-sell offer");
  }
  std::optional<CampaignProjectionRow> row = campaigns_.Find(tx, campaign_id);
  telemarketing::events::v1::CampaignSnapshot snapshot;
  if (!row || row->state != cv1::CAMPAIGN_STATE_ACTIVE ||
      !snapshot.ParseFromString(row->snapshot)) {
    return Refuse(absl::StrCat("campaign ", campaign_id, " is not active"), "CAMPAIGN_NOT_ACTIVE");
  }
  if (call.customer_id().empty()) {
    return Refuse("the caller matched no customer: nobody to offer the campaign to",
                  "CALLER_UNKNOWN");
  }
  const cv1::Campaign& campaign = snapshot.campaign();
  const auto customers = customers_.Find(tx, {call.customer_id()});
  const auto found = customers.find(call.customer_id());
  const CustomerVerdict verdict = EvaluateCustomer(
      found == customers.end() ? CustomerContactFacts{} : found->second.facts,
      PurposeOfCampaignType(static_cast<int>(campaign.type())), row->region, campaign_id, now);
  if (!verdict.callability.callable) {
    return Refuse(absl::StrCat("the caller may not be approached for campaign ", campaign_id, ": ",
                               v1::HopperBlockReason_Name(
                                   static_cast<v1::HopperBlockReason>(verdict.callability.reason))),
                  "CUSTOMER_NOT_CALLABLE");
  }
  CrossSellChoice choice;
  choice.offer.set_campaign_id(campaign_id);
  choice.offer.set_display_name(campaign.display_name());
  choice.offer.set_pitch(campaign.description().empty()
                             ? absl::StrCat("May I tell you about ", campaign.display_name(), "?")
                             : campaign.description());
  choice.contact_point_id = verdict.contact_point_id;
  choice.vip_tier = found == customers.end() ? 0 : found->second.vip_tier;
  return choice;
}

}  // namespace tmk::dialing
