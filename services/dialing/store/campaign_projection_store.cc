#include "services/dialing/store/campaign_projection_store.h"

#include <cstdint>


namespace tmk::dialing {
namespace {

constexpr char kCampaignColumns[] =
    "campaign_id, region, state, hlc_wall_millis, hlc_logical, hlc_node, snapshot";

// The ON CONFLICT guard: the incoming reading must be strictly greater, so replays (equal) and
// late redeliveries (older) are no-ops. hlc_node is COLLATE "C", matching HlcTimestamp's order.
std::string NewerThan(const std::string& table) {
  return " WHERE (" + table + ".hlc_wall_millis, " + table + ".hlc_logical, " + table +
         ".hlc_node) < (EXCLUDED.hlc_wall_millis, EXCLUDED.hlc_logical, EXCLUDED.hlc_node)";
}

// kLiveCampaignStates as a PostgreSQL array literal.
std::string LiveStates() {
  std::string out = "{";
  for (int state : kLiveCampaignStates) {
    if (out.size() > 1) out += ",";
    out += std::to_string(state);
  }
  return out + "}";
}

std::string Bytes(const pqxx::field& field) { return pqxx::binarystring(field).str(); }

HlcTimestamp ReadHlc(const pqxx::row& row, int first) {
  HlcTimestamp hlc;
  hlc.wall_millis = row[first].as<int64_t>();
  hlc.logical = static_cast<uint32_t>(row[first + 1].as<int64_t>());
  hlc.node = row[first + 2].as<std::string>();
  return hlc;
}

CampaignProjectionRow ReadCampaign(const pqxx::row& row) {
  CampaignProjectionRow out;
  out.campaign_id = row[0].as<std::string>();
  out.region = row[1].as<std::string>();
  out.state = row[2].as<int>();
  out.hlc = ReadHlc(row, 3);
  out.snapshot = Bytes(row[6]);
  return out;
}

}  // namespace

bool CampaignProjectionStore::Upsert(pqxx::work& tx, const CampaignProjectionRow& row) const {
  pqxx::result written = tx.exec_params(
      "INSERT INTO campaign_projection (campaign_id, region, state, deleted, hlc_wall_millis,"
      " hlc_logical, hlc_node, snapshot, update_time) VALUES ($1, $2, $3, false, $4, $5, $6, $7,"
      " now()) ON CONFLICT (campaign_id) DO UPDATE SET region = EXCLUDED.region,"
      " state = EXCLUDED.state, deleted = false, hlc_wall_millis = EXCLUDED.hlc_wall_millis,"
      " hlc_logical = EXCLUDED.hlc_logical, hlc_node = EXCLUDED.hlc_node,"
      " snapshot = EXCLUDED.snapshot, update_time = EXCLUDED.update_time" +
          NewerThan("campaign_projection") + " RETURNING 1",
      row.campaign_id, row.region, row.state, row.hlc.wall_millis,
      static_cast<int64_t>(row.hlc.logical), row.hlc.node,
      pqxx::binarystring(row.snapshot.data(), row.snapshot.size()));
  return !written.empty();
}

bool CampaignProjectionStore::Delete(pqxx::work& tx, const std::string& campaign_id,
                                     const std::string& region,
                                     const HlcTimestamp& tombstone) const {
  pqxx::result written = tx.exec_params(
      "INSERT INTO campaign_projection (campaign_id, region, state, deleted, hlc_wall_millis,"
      " hlc_logical, hlc_node, snapshot, update_time) VALUES ($1, $2, 0, true, $3, $4, $5, NULL,"
      " now()) ON CONFLICT (campaign_id) DO UPDATE SET region = EXCLUDED.region, state = 0,"
      " deleted = true, hlc_wall_millis = EXCLUDED.hlc_wall_millis,"
      " hlc_logical = EXCLUDED.hlc_logical, hlc_node = EXCLUDED.hlc_node, snapshot = NULL,"
      " update_time = EXCLUDED.update_time" +
          NewerThan("campaign_projection") + " RETURNING 1",
      campaign_id, region, tombstone.wall_millis, static_cast<int64_t>(tombstone.logical),
      tombstone.node);
  return !written.empty();
}

std::optional<CampaignProjectionRow> CampaignProjectionStore::Find(
    pqxx::work& tx, const std::string& campaign_id) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kCampaignColumns +
                                         " FROM campaign_projection"
                                         " WHERE campaign_id = $1 AND NOT deleted",
                                     campaign_id);
  if (rows.empty()) return std::nullopt;
  return ReadCampaign(rows[0]);
}

std::vector<CampaignProjectionRow> CampaignProjectionStore::ListLive(pqxx::work& tx) const {
  std::vector<CampaignProjectionRow> out;
  for (const pqxx::row& row : tx.exec_params(
           std::string("SELECT ") + kCampaignColumns +
               " FROM campaign_projection WHERE NOT deleted AND state = ANY($1::int[])"
               " ORDER BY campaign_id",
           LiveStates())) {
    out.push_back(ReadCampaign(row));
  }
  return out;
}

bool CampaignProjectionStore::UpsertContactPolicy(pqxx::work& tx,
                                                  const ContactPolicyProjectionRow& row) const {
  pqxx::result written = tx.exec_params(
      "INSERT INTO contact_policy_projection (region, hlc_wall_millis, hlc_logical, hlc_node,"
      " snapshot, update_time) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (region) DO UPDATE"
      " SET hlc_wall_millis = EXCLUDED.hlc_wall_millis, hlc_logical = EXCLUDED.hlc_logical,"
      " hlc_node = EXCLUDED.hlc_node, snapshot = EXCLUDED.snapshot,"
      " update_time = EXCLUDED.update_time" +
          NewerThan("contact_policy_projection") + " RETURNING 1",
      row.region, row.hlc.wall_millis, static_cast<int64_t>(row.hlc.logical), row.hlc.node,
      pqxx::binarystring(row.snapshot.data(), row.snapshot.size()));
  return !written.empty();
}

std::optional<ContactPolicyProjectionRow> CampaignProjectionStore::FindContactPolicy(
    pqxx::work& tx, const std::string& region) const {
  pqxx::result rows = tx.exec_params(
      "SELECT region, hlc_wall_millis, hlc_logical, hlc_node, snapshot"
      " FROM contact_policy_projection WHERE region = $1",
      region);
  if (rows.empty()) return std::nullopt;
  ContactPolicyProjectionRow out;
  out.region = rows[0][0].as<std::string>();
  out.hlc = ReadHlc(rows[0], 1);
  out.snapshot = Bytes(rows[0][4]);
  return out;
}

}  // namespace tmk::dialing
