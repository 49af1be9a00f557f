#pragma once
// PostgreSQL access for dialing's projection of campaigns and contact policies (R7, R10, R20):
// the only place with its SQL. Writes are last-writer-wins by HLC, so replaying the topic or
// redelivering events out of order changes nothing. Records are opaque serialized snapshots; the
// store knows only the columns it filters on, and keeps no dependency on the campaigns contracts.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/common/core/hlc.h"

namespace tmk::dialing {

// telemarketing.campaigns.v1.CampaignState values a dialer works on: PILOT, ACTIVE, PAUSED. The
// consumer checks them against the enum at compile time.
inline constexpr int kLiveCampaignStates[] = {2, 3, 4};

struct CampaignProjectionRow {
  std::string campaign_id;
  std::string region;
  int state = 0;  // telemarketing.campaigns.v1.CampaignState
  HlcTimestamp hlc;
  std::string snapshot;  // serialized telemarketing.events.v1.CampaignSnapshot
};

struct ContactPolicyProjectionRow {
  std::string region;
  HlcTimestamp hlc;
  std::string snapshot;  // serialized telemarketing.events.v1.ContactPolicySnapshot
};

class CampaignProjectionStore {
 public:
  // Keeps `row` unless the stored snapshot or tombstone has an equal or greater HLC; returns
  // whether it was written.
  bool Upsert(pqxx::work& tx, const CampaignProjectionRow& row) const;
  // Deletes the campaign when `tombstone` is newer than what is stored, leaving a tombstone that
  // older snapshots cannot overwrite; returns whether it was written.
  bool Delete(pqxx::work& tx, const std::string& campaign_id, const std::string& region,
              const HlcTimestamp& tombstone) const;
  // Nothing for an unknown or deleted campaign.
  std::optional<CampaignProjectionRow> Find(pqxx::work& tx, const std::string& campaign_id) const;
  // The campaigns in kLiveCampaignStates, by id.
  std::vector<CampaignProjectionRow> ListLive(pqxx::work& tx) const;

  // The same rule for a region's contact policy.
  bool UpsertContactPolicy(pqxx::work& tx, const ContactPolicyProjectionRow& row) const;
  std::optional<ContactPolicyProjectionRow> FindContactPolicy(pqxx::work& tx,
                                                              const std::string& region) const;
};

}  // namespace tmk::dialing
