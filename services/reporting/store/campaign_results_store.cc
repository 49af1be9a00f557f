#include "services/reporting/store/campaign_results_store.h"

#include "absl/strings/str_cat.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

namespace {

// The leads a campaign's results count, as (variant_id, stages_entered, stage, intention, reached,
// first_intention, order_attempts, order_contacts, leads) for $1 campaign, $2..$3 the period:
// "leads reached in the period" are those wrapped up both before its end and at or after its
// start. lead_tally answers when the period covers all the campaign's lead activity (then every
// lead counts), lead_progress row by row otherwise.
constexpr char kLeadsFromTally[] =
    "(SELECT variant_id, stages_entered, stage, intention, reached, first_intention,"
    " order_attempts, order_contacts, leads FROM lead_tally WHERE campaign_id = $1) l";
constexpr char kLeadsFromProgress[] =
    "(SELECT variant_id, stages_entered, stage, intention, contacts > 0 AS reached,"
    " first_intention, coalesce(order_attempts, 0) AS order_attempts,"
    " coalesce(order_contacts, 0) AS order_contacts, 1 AS leads FROM lead_progress"
    " WHERE campaign_id = $1 AND first_time < " TM_PG_MICROS("$3")
    " AND latest_time >= " TM_PG_MICROS("$2") ") l";

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
  const bool tally = CoversAllLeads(tx, campaign_id, from, to);
  const std::string leads = tally ? kLeadsFromTally : kLeadsFromProgress;
  // The tally's source names only the campaign ($1): PostgreSQL refuses parameters it cannot type.
  const std::vector<std::string> params =
      tally ? std::vector<std::string>{campaign_id}
            : std::vector<std::string>{campaign_id, std::to_string(from), std::to_string(to)};
  // The funnel and classes are the leads' state now (leads reached in the period). A variant or
  // class whose leads all moved elsewhere has no row (the tally keeps zero counts).
  for (const auto& row : tx.exec_params(
           absl::StrCat("SELECT variant_id, s.stage,"
                        " coalesce(sum(leads) FILTER (WHERE stages_entered & (1 << s.stage) <> 0),"
                        " 0)::bigint, coalesce(sum(leads) FILTER (WHERE l.stage = s.stage), 0)::bigint"
                        " FROM ", leads, " CROSS JOIN generate_series(1, 4) AS s(stage)"
                        " GROUP BY 1, 2 HAVING sum(leads) > 0"),
           pqxx::prepare::make_dynamic_params(params))) {
    VariantSales& v = out[row[0].as<std::string>()];
    v.stage_entered[row[1].as<int>()] = row[2].as<int64_t>();
    v.stage_current[row[1].as<int>()] = row[3].as<int64_t>();
  }
  for (const auto& row : tx.exec_params(
           absl::StrCat("SELECT variant_id, intention, sum(leads)::bigint,"
                        " coalesce(sum(leads) FILTER (WHERE reached), 0)::bigint FROM ", leads,
                        " GROUP BY 1, 2 HAVING sum(leads) > 0"),
           pqxx::prepare::make_dynamic_params(params))) {
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
           absl::StrCat("SELECT variant_id, first_intention, order_attempts, order_contacts,"
                        " sum(leads)::bigint FROM ", leads,
                        " WHERE order_attempts > 0 GROUP BY 1, 2, 3, 4 HAVING sum(leads) > 0"),
           pqxx::prepare::make_dynamic_params(params))) {
    std::vector<std::pair<int, int>>& orders =
        out[row[0].as<std::string>()].orders_by_first_class[row[1].as<int>()];
    orders.insert(orders.end(), row[4].as<int64_t>(), {row[2].as<int>(), row[3].as<int>()});
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
