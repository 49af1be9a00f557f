#include "services/campaigns/store/campaign_store.h"

#include <google/protobuf/util/time_util.h>

#include <stdexcept>

#include "services/common/pg/array_literal.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kCreateTimeText[] =
    "to_char(create_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

v1::Campaign ParseRecord(const pqxx::field& field) {
  v1::Campaign campaign;
  if (!campaign.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored campaign record does not parse");
  }
  return campaign;
}

pqxx::binarystring RecordBytes(const v1::Campaign& campaign, std::string& buffer) {
  buffer = campaign.SerializeAsString();
  return pqxx::binarystring(buffer.data(), buffer.size());
}

std::string AgentGroups(const v1::Campaign& campaign) {
  return pg::ArrayLiteral({campaign.agent_group_ids().begin(), campaign.agent_group_ids().end()});
}

std::string ScriptRef(const std::string& script_id, int32_t version) {
  return script_id + ":" + std::to_string(version);
}

std::string ScriptRefs(const v1::Campaign& campaign) {
  std::vector<std::string> refs;
  if (!campaign.script_id().empty()) {
    refs.push_back(ScriptRef(campaign.script_id(), campaign.script_version()));
  }
  for (const v1::PilotVariant& variant : campaign.pilot().variants()) {
    if (!variant.script_id().empty()) {
      refs.push_back(ScriptRef(variant.script_id(), variant.script_version()));
    }
  }
  return pg::ArrayLiteral(refs);
}

std::string IntArray(const std::vector<int>& values) {
  std::vector<std::string> texts;
  for (int value : values) texts.push_back(std::to_string(value));
  return pg::ArrayLiteral(texts);
}

}  // namespace

std::optional<CampaignStore::RequestRecord> CampaignStore::FindRequest(
    pqxx::work& tx, const std::string& verb, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT campaign_id::text, fingerprint FROM campaign_requests"
      " WHERE verb = $1 AND request_id = $2",
      verb, request_id);
  if (rows.empty()) return std::nullopt;
  return RequestRecord{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

void CampaignStore::SaveRequest(pqxx::work& tx, const std::string& verb,
                                const std::string& request_id, const RequestRecord& record) const {
  tx.exec_params(
      "INSERT INTO campaign_requests (verb, request_id, fingerprint, campaign_id)"
      " VALUES ($1, $2, $3, $4::uuid)",
      verb, request_id, record.fingerprint, record.campaign_id);
}

void CampaignStore::Insert(pqxx::work& tx, const v1::Campaign& campaign) const {
  std::string buffer;
  tx.exec_params(
      "INSERT INTO campaigns (campaign_id, state, type, disposition_set_id, target_list_id,"
      " agent_group_ids, record, revision, create_time, update_time, script_refs)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6::text[], $7, $8, $9::timestamptz, $10::timestamptz,"
      " $11::text[])",
      campaign.campaign_id(), static_cast<int>(campaign.state()), static_cast<int>(campaign.type()),
      campaign.disposition_set_id(), campaign.target_list_id(), AgentGroups(campaign),
      RecordBytes(campaign, buffer), static_cast<long long>(campaign.revision()),
      TimeUtil::ToString(campaign.create_time()), TimeUtil::ToString(campaign.update_time()),
      ScriptRefs(campaign));
}

std::optional<v1::Campaign> CampaignStore::Find(pqxx::work& tx, const std::string& campaign_id,
                                                bool for_update) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record FROM campaigns WHERE campaign_id = $1::uuid") +
          (for_update ? " FOR UPDATE" : ""),
      campaign_id);
  if (rows.empty()) return std::nullopt;
  return ParseRecord(rows[0][0]);
}

void CampaignStore::Update(pqxx::work& tx, const v1::Campaign& campaign) const {
  std::string buffer;
  tx.exec_params(
      "UPDATE campaigns SET state = $2, type = $3, disposition_set_id = $4, target_list_id = $5,"
      " agent_group_ids = $6::text[], record = $7, revision = $8, update_time = $9::timestamptz,"
      " script_refs = $10::text[] WHERE campaign_id = $1::uuid",
      campaign.campaign_id(), static_cast<int>(campaign.state()), static_cast<int>(campaign.type()),
      campaign.disposition_set_id(), campaign.target_list_id(), AgentGroups(campaign),
      RecordBytes(campaign, buffer), static_cast<long long>(campaign.revision()),
      TimeUtil::ToString(campaign.update_time()), ScriptRefs(campaign));
}

void CampaignStore::Delete(pqxx::work& tx, const std::string& campaign_id) const {
  tx.exec_params("DELETE FROM campaigns WHERE campaign_id = $1::uuid", campaign_id);
}

std::vector<v1::Campaign> CampaignStore::ListLive(pqxx::work& tx) const {
  std::vector<v1::Campaign> live;
  for (const pqxx::row& row :
       tx.exec_params("SELECT record FROM campaigns WHERE state = ANY($1::smallint[])"
                      " ORDER BY create_time, campaign_id",
                      IntArray({v1::CAMPAIGN_STATE_PILOT, v1::CAMPAIGN_STATE_ACTIVE,
                                v1::CAMPAIGN_STATE_PAUSED}))) {
    live.push_back(ParseRecord(row[0]));
  }
  return live;
}

std::vector<std::string> CampaignStore::IdsUsingScriptVersion(pqxx::work& tx,
                                                             const std::string& script_id,
                                                             int32_t version) const {
  std::vector<std::string> ids;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT campaign_id::text FROM campaigns WHERE script_refs @> ARRAY[$1]::text[]"
           " AND state <> $2 ORDER BY create_time, campaign_id",
           ScriptRef(script_id, version), static_cast<int>(v1::CAMPAIGN_STATE_ARCHIVED))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

std::vector<std::string> CampaignStore::IdsUsingDispositionSet(
    pqxx::work& tx, const std::string& disposition_set_id) const {
  std::vector<std::string> ids;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT campaign_id::text FROM campaigns WHERE disposition_set_id = $1 AND state <> $2"
           " ORDER BY create_time, campaign_id",
           disposition_set_id, static_cast<int>(v1::CAMPAIGN_STATE_ARCHIVED))) {
    ids.push_back(row[0].as<std::string>());
  }
  return ids;
}

CampaignStore::Page CampaignStore::List(pqxx::work& tx, const Filter& filter,
                                        const std::optional<Cursor>& after, int limit) const {
  pqxx::result rows = tx.exec_params(
      std::string("SELECT record, ") + kCreateTimeText +
          " FROM campaigns"
          " WHERE (cardinality($1::smallint[]) = 0 AND state <> $2 OR state = ANY($1::smallint[]))"
          "   AND (cardinality($3::smallint[]) = 0 OR type = ANY($3::smallint[]))"
          "   AND ($4 = '' OR target_list_id = $4)"
          "   AND ($5 = '' OR $5 = ANY(agent_group_ids))"
          "   AND ($6 = '' OR (create_time, campaign_id) < ($6::timestamptz, $7::uuid))"
          " ORDER BY create_time DESC, campaign_id DESC LIMIT $8",
      IntArray(filter.states), static_cast<int>(v1::CAMPAIGN_STATE_ARCHIVED),
      IntArray(filter.types), filter.target_list_id, filter.agent_group_id,
      after ? after->create_time : std::string(),
      after ? after->campaign_id : std::string("00000000-0000-0000-0000-000000000000"), limit + 1);
  Page page;
  for (const pqxx::row& row : rows) {
    if (static_cast<int>(page.campaigns.size()) == limit) {
      const v1::Campaign& last = page.campaigns.back();
      page.next = Cursor{rows[limit - 1][1].as<std::string>(), last.campaign_id()};
      break;
    }
    page.campaigns.push_back(ParseRecord(row[0]));
  }
  return page;
}

}  // namespace tmk::campaigns
