#pragma once
// PostgreSQL access for the campaigns' dialing runtime (R17, R20, R29): the only place with its
// SQL. The record is the full telemarketing.dialing.v1.CampaignRuntime; dialing_state is a column
// so the dialer finds the campaigns it must run after a restart.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/campaign_runtime.pb.h"

namespace tmk::dialing {

class CampaignRuntimeStore {
 public:
  // Inserts or replaces the campaign's runtime.
  void Put(pqxx::work& tx, const telemarketing::dialing::v1::CampaignRuntime& runtime) const;
  std::optional<telemarketing::dialing::v1::CampaignRuntime> Find(
      pqxx::work& tx, const std::string& campaign_id, bool for_update = false) const;
  // Campaigns in any of `states` (DialingState values; empty: all), by id after `after_id`.
  std::vector<telemarketing::dialing::v1::CampaignRuntime> List(pqxx::work& tx,
                                                                const std::vector<int>& states,
                                                                int limit,
                                                                const std::string& after_id) const;
};

}  // namespace tmk::dialing
