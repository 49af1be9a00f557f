#include "services/reporting/store/campaign_results_store.h"

#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/store/lead_tally_sql.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

namespace {

// A campaign's leads counted by state (the tally's key, then the leads) for $1 campaign, $2..$3
// the period: "leads reached in the period" are those wrapped up both before its end and at or
// after its start. lead_tally answers when the period covers all the campaign's lead activity
// (then every lead counts); otherwise lead_progress is counted lead by lead.
constexpr char kCountedFromTally[] =
    "SELECT " TM_LEAD_TALLY_COLUMNS ", leads FROM lead_tally WHERE campaign_id = $1 AND leads <> 0";
constexpr char kCountedFromProgress[] =
    "SELECT " TM_LEAD_TALLY_KEY ", count(*) FROM lead_progress l WHERE campaign_id = $1"
    " AND first_time < " TM_PG_MICROS("$3") " AND latest_time >= " TM_PG_MICROS("$2")
    " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9";

// Whether [start, end) covers the campaign's lead activity: from at or before its first wrap-up
// to after its latest. False when it has none (no lead to count either way).
bool CoversAllLeads(pqxx::work& tx, const std::string& campaign_id, int64_t start, int64_t end) {
  pqxx::result r = tx.exec_params(
      "SELECT first_time >= " TM_PG_MICROS("$2") " AND latest_time < " TM_PG_MICROS("$3")
      " FROM campaign_lead_span WHERE campaign_id = $1",
      campaign_id, start, end);
  return !r.empty() && r[0][0].as<bool>();
}

}  // namespace

std::map<std::string, VariantSales> CampaignResultsStore::Sales(pqxx::work& tx,
                                                                const std::string& campaign_id,
                                                                TimePoint start,
                                                                TimePoint end) const {
  std::map<std::string, VariantSales> out;
  const int64_t from = ToMicros(start), to = ToMicros(end);
  // The funnel and classes are the leads' state now (leads reached in the period).
  pqxx::result counted = CoversAllLeads(tx, campaign_id, from, to)
                             ? tx.exec_params(kCountedFromTally, campaign_id)
                             : tx.exec_params(kCountedFromProgress, campaign_id, from, to);
  for (const auto& row : counted) {  // column 0 is the campaign, 1 the variant
    LeadStateCount count;
    count.stages_entered = row[2].as<int>();
    count.stage = row[3].as<int>();
    count.intention = row[4].as<int>();
    count.reached = row[5].as<bool>();
    count.first_intention = row[6].as<int>();
    count.ordered = row[7].as<int>() >= 0;
    count.order_attempts = row[7].as<int>();
    count.order_contacts = row[8].as<int>();
    count.leads = row[9].as<int64_t>();
    AddLeads(count, out[row[1].as<std::string>()]);
  }
  // Class moves: whole UTC days ($4 to $5) from the day rollup, the rest in quarter hours.
  const auto [first_day, end_of_days] = WholeUtcDays(start, end);
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, from_class, to_class, sum(leads)::bigint FROM ("
           "SELECT variant_id, from_class, to_class, leads FROM intention_move_rollup"
           " WHERE campaign_id = $1 AND bucket_start >= " TM_PG_MICROS("$2")
           " AND bucket_start < " TM_PG_MICROS("$3") " AND (bucket_start < " TM_PG_MICROS("$4")
           " OR bucket_start >= " TM_PG_MICROS("$5") ")"
           " UNION ALL SELECT variant_id, from_class, to_class, leads FROM intention_move_day_rollup"
           " WHERE campaign_id = $1 AND bucket_start >= " TM_PG_MICROS("$4")
           " AND bucket_start < " TM_PG_MICROS("$5") ") m GROUP BY 1, 2, 3",
           campaign_id, from, to, ToMicros(first_day), ToMicros(end_of_days))) {
    out[row[0].as<std::string>()].intention_moves[{row[1].as<int>(), row[2].as<int>()}] =
        row[3].as<int64_t>();
  }
  // Cancelled orders (state 3) bring no revenue.
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, count(*), coalesce(sum(total), 0)::float8, coalesce(max(currency_code), '')"
           " FROM order_fact WHERE campaign_id = $1 AND state <> 3"
           " AND create_time >= " TM_PG_MICROS("$2") " AND create_time < " TM_PG_MICROS("$3")
           " GROUP BY 1",
           campaign_id, from, to)) {
    VariantSales& v = out[row[0].as<std::string>()];
    v.orders = row[1].as<int64_t>();
    v.revenue = row[2].as<double>();
    v.currency_code = row[3].as<std::string>();
  }
  return out;
}

int64_t CampaignResultsStore::LeadsLoaded(pqxx::work& tx, const std::string& campaign_id,
                                          TimePoint start, TimePoint end) const {
  pqxx::result r = tx.exec_params(
      "SELECT coalesce(sum(created), 0)::bigint FROM leads_loaded_rollup WHERE campaign_id = $1"
      " AND bucket_start >= " TM_PG_MICROS("$2") " AND bucket_start < " TM_PG_MICROS("$3"),
      campaign_id, ToMicros(start), ToMicros(end));
  return r[0][0].as<int64_t>();
}

bool CampaignResultsStore::ActiveRange(pqxx::work& tx, const std::string& campaign_id,
                                       TimePoint& first, TimePoint& last) const {
  pqxx::result r = tx.exec_params(
      "SELECT " TM_PG_EPOCH_MICROS("min(bucket_start)") ", " TM_PG_EPOCH_MICROS("max(bucket_start)")
      " FROM call_campaign_rollup WHERE campaign_id = $1",
      campaign_id);
  if (r[0][0].is_null()) return false;
  first = FromMicros(r[0][0].as<int64_t>());
  last = FromMicros(r[0][1].as<int64_t>());
  return true;
}

}  // namespace tmk::reporting
