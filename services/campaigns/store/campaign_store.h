#pragma once
// PostgreSQL access for campaigns (R7, R14, R16): the only place with their SQL. The full
// Campaign message is stored as protobuf bytes; the columns beside it exist for listing,
// constraints and lookups, not as a second source of truth.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/campaigns/v1/campaign.pb.h"

namespace tmk::campaigns {

class CampaignStore {
 public:
  struct RequestRecord {
    std::string campaign_id;
    std::string fingerprint;  // of the request that used the id first
  };

  // Idempotency of mutations by request_id: one table for every campaign verb, keyed by
  // (request_id, verb), so a retried create or transition answers like the first one.
  std::optional<RequestRecord> FindRequest(pqxx::work& tx, const std::string& verb,
                                           const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                   const RequestRecord& record) const;

  void Insert(pqxx::work& tx, const telemarketing::campaigns::v1::Campaign& campaign) const;
  // for_update locks the row until the transaction ends (read-modify-write).
  std::optional<telemarketing::campaigns::v1::Campaign> Find(pqxx::work& tx,
                                                             const std::string& campaign_id,
                                                             bool for_update = false) const;
  // Rewrites the record and its columns; the caller has bumped the revision.
  void Update(pqxx::work& tx, const telemarketing::campaigns::v1::Campaign& campaign) const;
  void Delete(pqxx::work& tx, const std::string& campaign_id) const;

  // Campaigns in PILOT, ACTIVE or PAUSED: those whose rules are in force.
  std::vector<telemarketing::campaigns::v1::Campaign> ListLive(pqxx::work& tx) const;
  // Campaigns (any state but ARCHIVED) using the script version, as theirs or a pilot variant's.
  std::vector<std::string> IdsUsingScriptVersion(pqxx::work& tx, const std::string& script_id,
                                                 int32_t version) const;
  // Campaigns (any state but ARCHIVED) using the disposition set.
  std::vector<std::string> IdsUsingDispositionSet(pqxx::work& tx,
                                                  const std::string& disposition_set_id) const;

  // One page of ListCampaigns, newest first, after the (create_time, id) cursor when set.
  struct Filter {
    std::vector<int> states;  // empty: every state but ARCHIVED
    std::vector<int> types;   // empty: any
    std::string target_list_id;
    std::string agent_group_id;
  };
  struct Cursor {
    std::string create_time;  // as PostgreSQL prints timestamptz
    std::string campaign_id;
  };
  struct Page {
    std::vector<telemarketing::campaigns::v1::Campaign> campaigns;
    std::optional<Cursor> next;
  };
  Page List(pqxx::work& tx, const Filter& filter, const std::optional<Cursor>& after,
            int limit) const;
};

}  // namespace tmk::campaigns
