#include "services/reporting/store/lead_projection_store.h"

#include <map>
#include <tuple>

#include "services/common/pg/array_literal.h"
#include "services/reporting/domain/conflict_rounds.h"
#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/store/column_arrays.h"
#include "services/reporting/store/lead_tally_sql.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {
namespace {

int StageBit(int stage) { return stage > 0 && stage < 31 ? 1 << stage : 0; }

}  // namespace

absl::Status LeadProjectionStore::ApplyDispositions(
    pqxx::work& tx, const std::vector<LeadDisposition>& dispositions) const {
  // One statement per round after its leads are locked: their rows before (`old`: locked, so
  // what this statement's snapshot shows is what the merge changes), the merge (`up`), lead_tally
  // moved by the difference and the campaigns' lead spans widened. It counts the rows it updated
  // without having read them before — a lead another transaction inserted after the lock, whose
  // old key the tally cannot take back; the batch is then refused, to be applied again.
  static const std::string upsert =
      "WITH old AS (SELECT " TM_LEAD_TALLY_KEY ", l.lead_id FROM lead_progress l"
      " WHERE l.lead_id = ANY($1::text[])),"
      " up AS (INSERT INTO lead_progress AS l (lead_id, campaign_id, variant_id, stages_entered, stage,"
      " intention, latest_time, latest_call, first_intention, first_time, first_call,"
      " order_attempts, order_contacts, contacts)"
      " SELECT u.lead_id, u.campaign_id, u.variant_id, u.stages, u.stage, u.intention, "
      TM_PG_MICROS("u.time") ", u.call_id, u.intention, " TM_PG_MICROS("u.time") ", u.call_id,"
      " NULLIF(u.attempts, -1), NULLIF(u.order_contacts, -1), u.contacts"
      " FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::smallint[], $6::smallint[],"
      " $7::bigint[], $8::text[], $9::int[], $10::int[], $11::int[]) AS u(lead_id, campaign_id,"
      " variant_id, stages, stage, intention, time, call_id, attempts, order_contacts, contacts)"
      " ON CONFLICT (lead_id) DO UPDATE SET"
      " stages_entered = l.stages_entered | EXCLUDED.stages_entered,"
      " contacts = GREATEST(l.contacts, EXCLUDED.contacts),"
      " stage = CASE WHEN (EXCLUDED.latest_time, EXCLUDED.latest_call) > (l.latest_time, l.latest_call)"
      "   THEN EXCLUDED.stage ELSE l.stage END,"
      " intention = CASE WHEN (EXCLUDED.latest_time, EXCLUDED.latest_call) > (l.latest_time, l.latest_call)"
      "   THEN EXCLUDED.intention ELSE l.intention END,"
      " latest_call = CASE WHEN (EXCLUDED.latest_time, EXCLUDED.latest_call) > (l.latest_time, l.latest_call)"
      "   THEN EXCLUDED.latest_call ELSE l.latest_call END,"
      " latest_time = GREATEST(l.latest_time, EXCLUDED.latest_time),"
      " first_intention = CASE WHEN (EXCLUDED.first_time, EXCLUDED.first_call) < (l.first_time, l.first_call)"
      "   THEN EXCLUDED.first_intention ELSE l.first_intention END,"
      " first_call = CASE WHEN (EXCLUDED.first_time, EXCLUDED.first_call) < (l.first_time, l.first_call)"
      "   THEN EXCLUDED.first_call ELSE l.first_call END,"
      " first_time = LEAST(l.first_time, EXCLUDED.first_time),"
      // Attempts and contacts only grow, so the first order is the one with the fewest.
      " order_attempts = LEAST(l.order_attempts, EXCLUDED.order_attempts),"
      " order_contacts = LEAST(l.order_contacts, EXCLUDED.order_contacts),"
      // A lead's campaign and variant never change; should they differ, the newest wins too.
      " campaign_id = CASE WHEN (EXCLUDED.latest_time, EXCLUDED.latest_call) > (l.latest_time, l.latest_call)"
      "   THEN EXCLUDED.campaign_id ELSE l.campaign_id END,"
      " variant_id = CASE WHEN (EXCLUDED.latest_time, EXCLUDED.latest_call) > (l.latest_time, l.latest_call)"
      "   THEN EXCLUDED.variant_id ELSE l.variant_id END"
      " RETURNING " TM_LEAD_TALLY_KEY ", l.lead_id, l.first_time, l.latest_time,"
      " l.xmax = 0 AS inserted),"
      " moved AS (SELECT " TM_LEAD_TALLY_COLUMNS ", -1 AS leads FROM old"
      " UNION ALL SELECT " TM_LEAD_TALLY_COLUMNS ", 1 FROM up),"
      " tallied AS (INSERT INTO lead_tally (" TM_LEAD_TALLY_COLUMNS ", leads)"
      " SELECT " TM_LEAD_TALLY_COLUMNS ", sum(leads) FROM moved GROUP BY " TM_LEAD_TALLY_COLUMNS
      " HAVING sum(leads) <> 0 ON CONFLICT (" TM_LEAD_TALLY_COLUMNS ")"
      " DO UPDATE SET leads = lead_tally.leads + EXCLUDED.leads),"
      " spanned AS (INSERT INTO campaign_lead_span (campaign_id, first_time, latest_time)"
      " SELECT campaign_id, min(first_time), max(latest_time) FROM up GROUP BY campaign_id"
      " ON CONFLICT (campaign_id) DO UPDATE SET"
      " first_time = LEAST(campaign_lead_span.first_time, EXCLUDED.first_time),"
      " latest_time = GREATEST(campaign_lead_span.latest_time, EXCLUDED.latest_time))"
      " SELECT count(*) FROM up WHERE NOT inserted AND lead_id NOT IN (SELECT lead_id FROM old)";
  std::vector<std::string> lead_ids;
  for (const LeadDisposition& d : dispositions) lead_ids.push_back(d.lead_id);
  for (const std::vector<size_t>& round : ConflictRounds(lead_ids)) {
    ColumnArrays rows(11);
    std::vector<std::string> round_leads;
    for (size_t i : round) {
      const LeadDisposition& d = dispositions[i];
      round_leads.push_back(d.lead_id);
      // -1 stands for "no order" (NULL, which LEAST skips).
      rows.AddRow({d.lead_id, d.campaign_id, d.variant_id,
                   std::to_string(StageBit(d.stage) | StageBit(d.previous_stage)),
                   std::to_string(d.stage), std::to_string(d.intention),
                   std::to_string(ToMicros(d.time)), d.call_id,
                   std::to_string(d.ordered ? d.lead_attempts : -1),
                   std::to_string(d.ordered ? d.lead_contacts : -1),
                   std::to_string(d.lead_contacts)});
    }
    tx.exec_params("SELECT 1 FROM lead_progress WHERE lead_id = ANY($1::text[])"
                   " ORDER BY lead_id FOR UPDATE",
                   pg::ArrayLiteral(round_leads));
    if (rows.Exec(tx, upsert)[0][0].as<int64_t>() != 0) {
      return absl::AbortedError(
          "a lead of the batch was inserted by another transaction meanwhile; apply it again");
    }
  }
  // Intention-class moves are counts: summed per row, one upsert.
  std::map<std::tuple<int64_t, std::string, std::string, int, int>, int64_t> moves;
  for (const LeadDisposition& d : dispositions) {
    if (d.previous_intention == d.intention) continue;
    ++moves[{ToMicros(BucketStart(d.time)), d.campaign_id, d.variant_id, d.previous_intention,
             d.intention}];
  }
  if (moves.empty()) return absl::OkStatus();
  ColumnArrays rows(6);
  for (const auto& [key, leads] : moves) {
    rows.AddRow({std::to_string(std::get<0>(key)), std::get<1>(key), std::get<2>(key),
                 std::to_string(std::get<3>(key)), std::to_string(std::get<4>(key)),
                 std::to_string(leads)});
  }
  // The 15-minute rows and their UTC days in one statement.
  rows.Exec(
      tx,
      "WITH u AS (SELECT " TM_PG_MICROS("u.bucket") " AS bucket_start, u.campaign_id,"
      " u.variant_id, u.from_class, u.to_class, u.leads FROM unnest($1::bigint[], $2::text[],"
      " $3::text[], $4::smallint[], $5::smallint[], $6::bigint[])"
      " AS u(bucket, campaign_id, variant_id, from_class, to_class, leads)),"
      " quarter AS (INSERT INTO intention_move_rollup (bucket_start, campaign_id, variant_id,"
      " from_class, to_class, leads) SELECT * FROM u"
      " ON CONFLICT (bucket_start, campaign_id, variant_id, from_class, to_class)"
      " DO UPDATE SET leads = intention_move_rollup.leads + EXCLUDED.leads)"
      " INSERT INTO intention_move_day_rollup (bucket_start, campaign_id, variant_id, from_class,"
      " to_class, leads) SELECT date_trunc('day', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE"
      " 'UTC', campaign_id, variant_id, from_class, to_class, sum(leads) FROM u GROUP BY 1, 2, 3,"
      " 4, 5 ON CONFLICT (bucket_start, campaign_id, variant_id, from_class, to_class)"
      " DO UPDATE SET leads = intention_move_day_rollup.leads + EXCLUDED.leads");
  return absl::OkStatus();
}

void LeadProjectionStore::AddLeadsLoaded(pqxx::work& tx, const std::string& campaign_id,
                                         TimePoint time, int64_t created) const {
  tx.exec_params(
      "INSERT INTO leads_loaded_rollup (bucket_start, campaign_id, created)"
      " VALUES (" TM_PG_MICROS("$1") ", $2, $3) ON CONFLICT (bucket_start, campaign_id)"
      " DO UPDATE SET created = leads_loaded_rollup.created + EXCLUDED.created",
      ToMicros(BucketStart(time)), campaign_id, created);
}

}  // namespace tmk::reporting
