#include "services/reporting/store/campaign_results_store.h"

#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

std::map<std::string, VariantSales> CampaignResultsStore::Sales(pqxx::work& tx,
                                                                const std::string& campaign_id,
                                                                TimePoint start,
                                                                TimePoint end) const {
  std::map<std::string, VariantSales> out;
  const int64_t from = ToMicros(start), to = ToMicros(end);
  // The funnel and classes are the leads' state now (leads reached in the period).
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, s.stage, count(*) FILTER (WHERE stages_entered & (1 << s.stage) <> 0),"
           " count(*) FILTER (WHERE l.stage = s.stage)"
           " FROM lead_progress l CROSS JOIN generate_series(1, 4) AS s(stage)"
           " WHERE campaign_id = $1 AND first_time < " TM_PG_MICROS("$3")
           " AND latest_time >= " TM_PG_MICROS("$2") " GROUP BY 1, 2",
           campaign_id, from, to)) {
    VariantSales& v = out[row[0].as<std::string>()];
    v.stage_entered[row[1].as<int>()] = row[2].as<int64_t>();
    v.stage_current[row[1].as<int>()] = row[3].as<int64_t>();
  }
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, intention, count(*), count(*) FILTER (WHERE contacts > 0)"
           " FROM lead_progress WHERE campaign_id = $1"
           " AND first_time < " TM_PG_MICROS("$3")
           " AND latest_time >= " TM_PG_MICROS("$2") " GROUP BY 1, 2",
           campaign_id, from, to)) {
    VariantSales& v = out[row[0].as<std::string>()];
    v.leads_reached += row[3].as<int64_t>();
    if (row[1].as<int>() != 0) v.intention_current[row[1].as<int>()] = row[2].as<int64_t>();
  }
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, from_class, to_class, sum(leads)::bigint FROM intention_move_rollup"
           " WHERE campaign_id = $1 AND bucket_start >= " TM_PG_MICROS("$2")
           " AND bucket_start < " TM_PG_MICROS("$3") " GROUP BY 1, 2, 3",
           campaign_id, from, to)) {
    out[row[0].as<std::string>()].intention_moves[{row[1].as<int>(), row[2].as<int>()}] =
        row[3].as<int64_t>();
  }
  for (const auto& row : tx.exec_params(
           "SELECT variant_id, first_intention, order_attempts, order_contacts FROM lead_progress"
           " WHERE campaign_id = $1 AND order_attempts IS NOT NULL"
           " AND latest_time >= " TM_PG_MICROS("$2") " AND first_time < " TM_PG_MICROS("$3"),
           campaign_id, from, to)) {
    out[row[0].as<std::string>()].orders_by_first_class[row[1].as<int>()].emplace_back(
        row[2].as<int>(), row[3].as<int>());
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
