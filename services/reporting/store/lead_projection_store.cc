#include "services/reporting/store/lead_projection_store.h"

#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {
namespace {

int StageBit(int stage) { return stage > 0 && stage < 31 ? 1 << stage : 0; }

}  // namespace

void LeadProjectionStore::ApplyDisposition(pqxx::work& tx, const LeadDisposition& d) const {
  // -1 stands for "no order" (NULL, which LEAST skips).
  const int attempts = d.ordered ? d.lead_attempts : -1;
  const int contacts = d.ordered ? d.lead_contacts : -1;
  tx.exec_params(
      "INSERT INTO lead_progress AS l (lead_id, campaign_id, variant_id, stages_entered, stage,"
      " intention, latest_time, latest_call, first_intention, first_time, first_call,"
      " order_attempts, order_contacts, contacts)"
      " VALUES ($1, $2, $3, $4, $5, $6, " TM_PG_MICROS("$7") ", $8, $6, " TM_PG_MICROS("$7")
      ", $8, NULLIF($9, -1), NULLIF($10, -1), $11)"
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
      "   THEN EXCLUDED.variant_id ELSE l.variant_id END",
      d.lead_id, d.campaign_id, d.variant_id, StageBit(d.stage) | StageBit(d.previous_stage),
      d.stage, d.intention, ToMicros(d.time), d.call_id, attempts, contacts, d.lead_contacts);
  if (d.previous_intention != d.intention) {
    tx.exec_params(
        "INSERT INTO intention_move_rollup (bucket_start, campaign_id, variant_id, from_class,"
        " to_class, leads) VALUES (" TM_PG_MICROS("$1") ", $2, $3, $4, $5, 1)"
        " ON CONFLICT (bucket_start, campaign_id, variant_id, from_class, to_class)"
        " DO UPDATE SET leads = intention_move_rollup.leads + 1",
        ToMicros(BucketStart(d.time)), d.campaign_id, d.variant_id, d.previous_intention,
        d.intention);
  }
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
