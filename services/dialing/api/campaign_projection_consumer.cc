#include "services/dialing/api/campaign_projection_consumer.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "services/common/events/inbox.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/projected_event.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::dialing {
namespace ev1 = telemarketing::events::v1;
namespace cv1 = telemarketing::campaigns::v1;

static_assert(kLiveCampaignStates[0] == cv1::CAMPAIGN_STATE_PILOT &&
                  kLiveCampaignStates[1] == cv1::CAMPAIGN_STATE_ACTIVE &&
                  kLiveCampaignStates[2] == cv1::CAMPAIGN_STATE_PAUSED &&
                  std::size(kLiveCampaignStates) == 3,
              "the store's live states must be PILOT, ACTIVE and PAUSED");

absl::Status CampaignProjectionConsumer::Handle(const events::ConsumedEvent& event) {
  if (event.type == ev1::CampaignSnapshot::descriptor()->full_name()) {
    ev1::CampaignSnapshot snapshot;
    if (absl::Status parsed = ParseStamped(event, snapshot); !parsed.ok()) return parsed;
    const std::string& campaign_id = snapshot.campaign().campaign_id();
    if (campaign_id.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("CampaignSnapshot without a campaign_id (ce_id ", event.id, ")"));
    }
    return pool_.Transact([&](pqxx::work& tx) {
      if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
      if (snapshot.deleted()) {
        store_.Delete(tx, campaign_id, snapshot.region_id(), HlcOf(snapshot.hlc()));
      } else {
        store_.Upsert(tx, CampaignProjectionRow{campaign_id, snapshot.region_id(),
                                                static_cast<int>(snapshot.campaign().state()),
                                                HlcOf(snapshot.hlc()), event.payload});
      }
      return absl::OkStatus();
    });
  }
  if (event.type == ev1::ContactPolicySnapshot::descriptor()->full_name()) {
    ev1::ContactPolicySnapshot policy;
    if (absl::Status parsed = ParseStamped(event, policy); !parsed.ok()) return parsed;
    if (policy.region_id().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("ContactPolicySnapshot without a region_id (ce_id ", event.id, ")"));
    }
    return pool_.Transact([&](pqxx::work& tx) {
      if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
      store_.UpsertContactPolicy(
          tx, ContactPolicyProjectionRow{policy.region_id(), HlcOf(policy.hlc()),
                                         event.payload});
      return absl::OkStatus();
    });
  }
  // ScriptVersionChanged (audit and integrators) and anything newer: not part of the projection.
  log::Debug("campaign event ignored",
             {{"ce_type", event.type}, {"ce_id", event.id}, {"key", event.key}});
  return absl::OkStatus();
}

}  // namespace tmk::dialing
