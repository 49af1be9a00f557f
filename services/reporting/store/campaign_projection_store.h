#pragma once
// PostgreSQL side of reporting's view of campaigns (R16, R27, R29): each campaign's latest
// snapshot (names, economics, baseline forecast, goals, variants) and latest dialing runtime, kept
// as the event payloads the api layer reads.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"

namespace tmk::reporting {

class CampaignProjectionStore {
 public:
  // The higher HLC wins.
  void UpsertSnapshot(pqxx::work& tx, const std::string& campaign_id, const HlcTimestamp& hlc,
                      const std::string& payload) const;
  // The newer runtime wins.
  void UpsertRuntime(pqxx::work& tx, const std::string& campaign_id, TimePoint time,
                     const std::string& payload) const;
  std::optional<std::string> Snapshot(pqxx::work& tx, const std::string& campaign_id) const;
  // Every campaign's payloads, keyed by campaign id.
  std::map<std::string, std::string> Snapshots(pqxx::work& tx) const;
  std::map<std::string, std::string> Runtimes(pqxx::work& tx) const;
};

}  // namespace tmk::reporting
