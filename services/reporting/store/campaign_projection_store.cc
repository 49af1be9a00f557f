#include "services/reporting/store/campaign_projection_store.h"

#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

void CampaignProjectionStore::UpsertSnapshot(pqxx::work& tx, const std::string& campaign_id,
                                             const HlcTimestamp& hlc,
                                             const std::string& payload) const {
  tx.exec_params(
      "INSERT INTO campaign_snapshot AS c (campaign_id, hlc_wall, hlc_logical, payload)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id) DO UPDATE SET"
      " hlc_wall = EXCLUDED.hlc_wall, hlc_logical = EXCLUDED.hlc_logical, payload = EXCLUDED.payload"
      " WHERE (c.hlc_wall, c.hlc_logical) < (EXCLUDED.hlc_wall, EXCLUDED.hlc_logical)",
      campaign_id, hlc.wall_millis, static_cast<int64_t>(hlc.logical),
      pqxx::binarystring(payload.data(), payload.size()));
}

void CampaignProjectionStore::UpsertRuntime(pqxx::work& tx, const std::string& campaign_id,
                                            TimePoint time, const std::string& payload) const {
  tx.exec_params(
      "INSERT INTO campaign_runtime AS r (campaign_id, occur_time, payload)"
      " VALUES ($1, " TM_PG_MICROS("$2") ", $3) ON CONFLICT (campaign_id) DO UPDATE SET"
      " occur_time = EXCLUDED.occur_time, payload = EXCLUDED.payload"
      " WHERE r.occur_time < EXCLUDED.occur_time",
      campaign_id, ToMicros(time), pqxx::binarystring(payload.data(), payload.size()));
}

std::optional<std::string> CampaignProjectionStore::Snapshot(pqxx::work& tx,
                                                             const std::string& campaign_id) const {
  pqxx::result r =
      tx.exec_params("SELECT payload FROM campaign_snapshot WHERE campaign_id = $1", campaign_id);
  if (r.empty()) return std::nullopt;
  return pqxx::binarystring(r[0][0]).str();
}

namespace {

std::map<std::string, std::string> Payloads(pqxx::work& tx, const char* sql) {
  std::map<std::string, std::string> out;
  for (const auto& row : tx.exec(sql)) {
    out.emplace(row[0].as<std::string>(), pqxx::binarystring(row[1]).str());
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> CampaignProjectionStore::Snapshots(pqxx::work& tx) const {
  return Payloads(tx, "SELECT campaign_id, payload FROM campaign_snapshot");
}

std::map<std::string, std::string> CampaignProjectionStore::Runtimes(pqxx::work& tx) const {
  return Payloads(tx, "SELECT campaign_id, payload FROM campaign_runtime");
}

}  // namespace tmk::reporting
