#include "services/dialing/store/customer_call_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {

std::map<std::string, CustomerCallCounts> CustomerCallStore::Counts(
    pqxx::work& tx, const std::vector<std::string>& customer_ids, TimePoint now,
    const std::string& except_lead_id) const {
  std::map<std::string, CustomerCallCounts> out;
  if (customer_ids.empty()) return out;
  const std::string now_sql = MicrosToTime(2);
  pqxx::result r = tx.exec_params(
      absl::StrCat(
          "SELECT customer_id, count(*) FILTER (WHERE call_time > ", now_sql,
          " - interval '1 day'), count(*) FILTER (WHERE call_time > ", now_sql,
          " - interval '7 days'), count(*), count(*) FILTER (WHERE contact), ",
          TimeToMicros("max(call_time)"), ", ",
          TimeToMicros("max(call_time) FILTER (WHERE abandoned)"),
          " FROM customer_calls WHERE customer_id = ANY($1::text[]) AND call_time > ", now_sql,
          " - interval '30 days' AND NOT (lead_id::text = $3 AND call_time = ", now_sql, ")",
          " GROUP BY customer_id"),
      pg::ArrayLiteral(customer_ids), Micros(now), except_lead_id);
  for (const pqxx::row& row : r) {
    CustomerCallCounts& c = out[row[0].as<std::string>()];
    c.calls_last_day = row[1].as<int>();
    c.calls_last_week = row[2].as<int>();
    c.calls_last_30_days = row[3].as<int>();
    c.contacts_last_30_days = row[4].as<int>();
    c.last_call_time = ReadOptionalTime(row[5]);
    c.last_abandoned_time = ReadOptionalTime(row[6]);
  }
  return out;
}

void CustomerCallStore::Record(pqxx::work& tx, const std::string& customer_id,
                               const std::string& lead_id, TimePoint now) const {
  tx.exec_params(absl::StrCat("INSERT INTO customer_calls (customer_id, call_time, lead_id)"
                              " VALUES ($1, ", MicrosToTime(2), ", $3::uuid)"),
                 customer_id, Micros(now), lead_id);
}

void CustomerCallStore::MarkAbandoned(pqxx::work& tx, const std::string& lead_id) const {
  tx.exec_params(
      "UPDATE customer_calls SET abandoned = true WHERE lead_id = $1::uuid AND call_time ="
      " (SELECT max(call_time) FROM customer_calls WHERE lead_id = $1::uuid)",
      lead_id);
}

}  // namespace tmk::dialing
