#include "services/dialing/store/campaign_runtime_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/record_column.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

void CampaignRuntimeStore::Put(pqxx::work& tx, const v1::CampaignRuntime& r) const {
  tx.exec_params(
      "INSERT INTO campaign_runtime (campaign_id, dialing_state, revision, record)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id) DO UPDATE SET"
      " dialing_state = EXCLUDED.dialing_state, revision = EXCLUDED.revision,"
      " record = EXCLUDED.record",
      r.campaign_id(), static_cast<int>(r.dialing_state()), r.revision(), RecordBytes(r));
}

std::optional<v1::CampaignRuntime> CampaignRuntimeStore::Find(pqxx::work& tx,
                                                              const std::string& campaign_id,
                                                              bool for_update) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT record FROM campaign_runtime WHERE campaign_id = $1",
                   for_update ? " FOR UPDATE" : ""),
      campaign_id);
  if (r.empty()) return std::nullopt;
  return ReadRecord<v1::CampaignRuntime>(r[0][0]);
}

std::vector<v1::CampaignRuntime> CampaignRuntimeStore::List(pqxx::work& tx,
                                                            const std::vector<int>& states,
                                                            int limit,
                                                            const std::string& after_id) const {
  std::vector<std::string> values;
  for (int s : states) values.push_back(std::to_string(s));
  pqxx::result r = tx.exec_params(
      "SELECT record FROM campaign_runtime WHERE (cardinality($1::int[]) = 0 OR"
      " dialing_state = ANY($1::int[])) AND campaign_id > $2 ORDER BY campaign_id LIMIT $3",
      pg::ArrayLiteral(values), after_id, limit);
  std::vector<v1::CampaignRuntime> out;
  for (const pqxx::row& row : r) out.push_back(ReadRecord<v1::CampaignRuntime>(row[0]));
  return out;
}

}  // namespace tmk::dialing
