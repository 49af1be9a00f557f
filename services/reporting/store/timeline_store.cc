#include "services/reporting/store/timeline_store.h"

#include "absl/strings/str_join.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

std::vector<TimelineRow> TimelineStore::Page(pqxx::work& tx, const TimelineQuery& q) const {
  std::vector<std::string> kinds;
  for (int kind : q.kinds) kinds.push_back(std::to_string(kind));
  std::vector<TimelineRow> rows;
  for (const auto& row : tx.exec_params(
           "SELECT kind, " TM_PG_EPOCH_MICROS("occur_time") ", entry_key, campaign_id, agent_id,"
           " call_id, order_id, direction, outcome, disposition_code, stage, intention, talk_ms,"
           " currency_code, order_total::text, summary, region_id FROM timeline_entry"
           " WHERE customer_id = $1 AND (cardinality($2::int[]) = 0 OR kind = ANY($2::int[]))"
           " AND occur_time >= " TM_PG_MICROS("$3") " AND occur_time < " TM_PG_MICROS("$4")
           " AND ($5 = '' OR (occur_time, entry_key) < (" TM_PG_MICROS("nullif($5, '')") ", $6))"
           " ORDER BY occur_time DESC, entry_key DESC LIMIT $7",
           q.customer_id, "{" + absl::StrJoin(kinds, ",") + "}", ToMicros(q.start),
           ToMicros(q.end), q.after_time_micros, q.after_key, q.limit)) {
    TimelineRow r;
    r.kind = row[0].as<int>();
    r.occur_time = FromMicros(row[1].as<int64_t>());
    r.entry_key = row[2].as<std::string>();
    r.campaign_id = row[3].as<std::string>();
    r.agent_id = row[4].as<std::string>();
    r.call_id = row[5].as<std::string>();
    r.order_id = row[6].as<std::string>();
    r.direction = row[7].as<int>();
    r.outcome = row[8].as<int>();
    r.disposition_code = row[9].as<std::string>();
    r.stage = row[10].as<int>();
    r.intention = row[11].as<int>();
    r.talk_ms = row[12].as<int64_t>();
    r.currency_code = row[13].as<std::string>();
    r.order_total = row[14].as<std::string>();
    r.summary = row[15].as<std::string>();
    r.region_id = row[16].as<std::string>();
    rows.push_back(std::move(r));
  }
  return rows;
}

void TimelineStore::RecordAccess(pqxx::work& tx, const std::string& subject,
                                 const std::string& customer_id) const {
  tx.exec_params("INSERT INTO timeline_access (subject, customer_id) VALUES ($1, $2)", subject,
                 customer_id);
}

}  // namespace tmk::reporting
