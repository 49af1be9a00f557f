#include "services/campaigns/api/campaign_snapshots.h"

#include <set>
#include <utility>

#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

constexpr char kTopic[] = "tm.campaigns.v1";

}  // namespace

void CampaignSnapshots::Publish(pqxx::work& tx, const std::string& campaign_id) const {
  telemarketing::events::v1::CampaignSnapshot snapshot;
  snapshot.set_region_id(region_);
  if (std::optional<v1::Campaign> campaign = campaigns_.Find(tx, campaign_id)) {
    if (!campaign->disposition_set_id().empty()) {
      if (auto set = disposition_sets_.Find(tx, campaign->disposition_set_id())) {
        *snapshot.mutable_disposition_set() = *std::move(set);
      }
    }
    // The script versions in use: the campaign's and each pilot variant's (R9, R14).
    std::set<std::pair<std::string, int32_t>> versions;
    if (!campaign->script_id().empty()) {
      versions.emplace(campaign->script_id(), campaign->script_version());
    }
    for (const v1::PilotVariant& variant : campaign->pilot().variants()) {
      if (!variant.script_id().empty()) versions.emplace(variant.script_id(), variant.script_version());
    }
    for (const auto& [script_id, version] : versions) {
      absl::StatusOr<v1::ScriptVersion> found = scripts_.GetVersion(tx, script_id, version);
      if (found.ok()) *snapshot.add_script_versions() = *std::move(found);
    }
    for (v1::Goal& goal : goals_.ListForCampaign(tx, campaign_id)) {
      *snapshot.add_goals() = std::move(goal);
    }
    *snapshot.mutable_campaign() = *std::move(campaign);
  } else {
    snapshot.mutable_campaign()->set_campaign_id(campaign_id);
    snapshot.set_deleted(true);
  }
  HlcTimestamp stamp = hlc_.Now();
  *snapshot.mutable_hlc() = grpcx::ToProtoHlc(stamp);
  events::AppendToOutbox(tx, events::MakeEvent(kTopic, campaign_id, "campaigns/" + campaign_id,
                                               snapshot, clock_));
}

void CampaignSnapshots::PublishUsingScriptVersion(pqxx::work& tx, const std::string& script_id,
                                                  int32_t version) const {
  for (const std::string& campaign_id : campaigns_.IdsUsingScriptVersion(tx, script_id, version)) {
    Publish(tx, campaign_id);
  }
}

void CampaignSnapshots::PublishUsingDispositionSet(pqxx::work& tx,
                                                   const std::string& disposition_set_id) const {
  for (const std::string& campaign_id : campaigns_.IdsUsingDispositionSet(tx, disposition_set_id)) {
    Publish(tx, campaign_id);
  }
}

}  // namespace tmk::campaigns
