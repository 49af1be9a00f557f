#include "services/dialing/store/call_store.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/dialing/store/record_column.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

namespace {

constexpr char kColumns[] = "record, sequence";

CallRow ReadRow(const pqxx::row& row) {
  return CallRow{ReadRecord<v1::Call>(row[0]), row[1].as<int64_t>()};
}

}  // namespace

void CallStore::Insert(pqxx::work& tx, const CallRow& row) const {
  const v1::Call& c = row.call;
  tx.exec_params(
      absl::StrCat("INSERT INTO calls (call_id, campaign_id, lead_id, customer_id, agent_id,"
                    " session_id, state, outcome, sequence, create_time, record)"
                   " VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, ",
                   MicrosToTime(10), ", $11)"),
      c.call_id(), c.campaign_id(), c.lead_id(), c.customer_id(), c.agent_id(), c.session_id(),
      static_cast<int>(c.state()), static_cast<int>(c.outcome()), row.sequence,
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(c.create_time()), RecordBytes(c));
}

void CallStore::Update(pqxx::work& tx, const CallRow& row) const {
  const v1::Call& c = row.call;
  tx.exec_params(
      "UPDATE calls SET agent_id = $2, session_id = $3, state = $4, outcome = $5,"
      " sequence = $6, record = $7, customer_id = $8 WHERE call_id = $1::uuid",
      c.call_id(), c.agent_id(), c.session_id(), static_cast<int>(c.state()),
      static_cast<int>(c.outcome()), row.sequence, RecordBytes(c), c.customer_id());
}

void CallStore::UpdateWithCampaign(pqxx::work& tx, const CallRow& row) const {
  Update(tx, row);
  tx.exec_params("UPDATE calls SET campaign_id = $2, lead_id = $3 WHERE call_id = $1::uuid",
                 row.call.call_id(), row.call.campaign_id(), row.call.lead_id());
}

std::optional<CallRow> CallStore::Find(pqxx::work& tx, const std::string& call_id,
                                       bool for_update) const {
  if (!Uuid::Parse(call_id)) return std::nullopt;
  pqxx::result r = tx.exec_params(absl::StrCat("SELECT ", kColumns,
                                               " FROM calls WHERE call_id = $1::uuid",
                                               for_update ? " FOR UPDATE" : ""),
                                  call_id);
  if (r.empty()) return std::nullopt;
  return ReadRow(r[0]);
}

std::vector<CallRow> CallStore::ListUnfinished(pqxx::work& tx) const {
  pqxx::result r = tx.exec(absl::StrCat("SELECT ", kColumns,
                                        " FROM calls WHERE state < 6 ORDER BY create_time"
                                        " FOR UPDATE"));
  std::vector<CallRow> out;
  for (const pqxx::row& row : r) out.push_back(ReadRow(row));
  return out;
}

std::vector<v1::Call> CallStore::List(pqxx::work& tx, const CallFilter& f, int limit,
                                      const std::string& after_call_id) const {
  pqxx::result r = tx.exec_params(
      "SELECT record FROM calls WHERE ($1 = '' OR campaign_id = $1) AND ($2 = '' OR lead_id = $2)"
      " AND ($3 = '' OR customer_id = $3) AND ($4 = '' OR agent_id = $4)"
      " AND ($5 = '' OR (create_time, call_id) < (SELECT create_time, call_id FROM calls"
      " WHERE call_id = NULLIF($5, '')::uuid)) ORDER BY create_time DESC, call_id DESC LIMIT $6",
      f.campaign_id, f.lead_id, f.customer_id, f.agent_id, after_call_id, limit);
  std::vector<v1::Call> out;
  for (const pqxx::row& row : r) out.push_back(ReadRecord<v1::Call>(row[0]));
  return out;
}

std::map<int, int> CallStore::OutcomeCounts(pqxx::work& tx, const std::string& lead_id,
                                            const std::string& except_call_id) const {
  pqxx::result r = tx.exec_params(
      "SELECT outcome, count(*) FROM calls WHERE lead_id = $1 AND outcome <> 0"
      " AND call_id::text <> $2 GROUP BY outcome",
      lead_id, except_call_id);
  std::map<int, int> out;
  for (const pqxx::row& row : r) out[row[0].as<int>()] = row[1].as<int>();
  return out;
}

}  // namespace tmk::dialing
