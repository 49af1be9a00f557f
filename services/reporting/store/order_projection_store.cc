#include "services/reporting/store/order_projection_store.h"

#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

void OrderProjectionStore::Upsert(pqxx::work& tx, const OrderFact& o) const {
  // The timeline entry follows the order row only when this event won, so an older event
  // arriving late leaves both alone.
  tx.exec_params(
      "WITH won AS ("
      " INSERT INTO order_fact AS o (order_id, campaign_id, variant_id, agent_id, customer_id,"
      " call_id, region_id, state, currency_code, total, create_time, update_time)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, " TM_PG_MICROS("$11") ", "
      TM_PG_MICROS("$12") ")"
      " ON CONFLICT (order_id) DO UPDATE SET state = EXCLUDED.state, total = EXCLUDED.total,"
      " currency_code = EXCLUDED.currency_code, update_time = EXCLUDED.update_time"
      " WHERE o.update_time < EXCLUDED.update_time RETURNING *)"
      " INSERT INTO timeline_entry (customer_id, entry_key, kind, occur_time, campaign_id,"
      " agent_id, call_id, order_id, direction, outcome, disposition_code, stage, intention,"
      " talk_ms, currency_code, order_total, summary, region_id)"
      " SELECT customer_id, 'order:' || order_id, 2, create_time, campaign_id, agent_id, call_id,"
      " order_id, 0, 0, '', 0, 0, 0, currency_code, total, $13, region_id FROM won"
      " WHERE customer_id <> ''"
      " ON CONFLICT (customer_id, entry_key) DO UPDATE SET currency_code = EXCLUDED.currency_code,"
      " order_total = EXCLUDED.order_total, summary = EXCLUDED.summary",
      o.order_id, o.campaign_id, o.variant_id, o.agent_id, o.customer_id, o.call_id, o.region_id,
      o.state, o.currency_code, o.total, ToMicros(o.create_time), ToMicros(o.update_time),
      o.summary);
}

}  // namespace tmk::reporting
