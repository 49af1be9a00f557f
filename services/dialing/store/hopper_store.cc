#include "services/dialing/store/hopper_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace {

// Removes the selected hopper rows and gives their leads back the state they had before QUEUED.
std::string EvictWhere(const std::string& condition) {
  return absl::StrCat(
      "WITH gone AS (DELETE FROM hopper WHERE ", condition,
      " RETURNING lead_id, queued_from) UPDATE leads SET state = gone.queued_from FROM gone"
      " WHERE leads.lead_id = gone.lead_id AND leads.state = 4");
}

}  // namespace

std::string TakeNextEntry() {
  return "WITH next AS (SELECT lead_id FROM hopper WHERE campaign_id = $1"
         " AND (reserved_agent_id = '' OR reserved_agent_id = $2)"
         " ORDER BY callback_due DESC, priority DESC, next_attempt_time NULLS FIRST, lead_id"
         " LIMIT 1 FOR UPDATE SKIP LOCKED),"
         " taken AS (DELETE FROM hopper h USING next WHERE h.lead_id = next.lead_id"
         " RETURNING h.lead_id, h.callback_due, h.queued_from),";
}

int HopperStore::Insert(pqxx::work& tx, const std::vector<HopperEntry>& entries) const {
  if (entries.empty()) return 0;
  std::vector<std::string> lead_ids, campaign_ids, customer_ids, callbacks, priorities, next,
      reserved, queued_from, points;
  for (const HopperEntry& e : entries) {
    lead_ids.push_back(e.lead.lead_id);
    campaign_ids.push_back(e.lead.campaign_id);
    customer_ids.push_back(e.lead.customer_id);
    callbacks.push_back(e.lead.callback_due ? "true" : "false");
    priorities.push_back(std::to_string(e.lead.priority));
    next.push_back(OptionalMicros(e.lead.next_attempt_time));
    reserved.push_back(e.reserved_agent_id);
    queued_from.push_back(std::to_string(static_cast<int>(e.queued_from)));
    points.push_back(e.contact_point_id);
  }
  // One statement for the whole batch: the arrays travel as text (libpqxx 6.4 binds no arrays).
  pqxx::result queued = tx.exec_params(
      absl::StrCat(
          "WITH entry AS (INSERT INTO hopper (lead_id, campaign_id, customer_id, callback_due,"
          " priority, next_attempt_time, reserved_agent_id, queued_from, fill_time)"
          " SELECT l, c, cu, cb, p, timestamptz 'epoch' + NULLIF(n, '')::bigint"
          " * interval '1 microsecond', r, q, ",
          MicrosToTime(10),
          " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::int[], $6::text[],"
          " $7::text[], $8::smallint[], $9::text[]) AS u(l, c, cu, cb, p, n, r, q, cp)"
          " ON CONFLICT DO NOTHING RETURNING lead_id),"
          " point AS (SELECT * FROM unnest($1::uuid[], $9::text[]) AS pt(l, cp))"
          " UPDATE leads SET state = 4, contact_point_id = point.cp FROM entry JOIN point"
          " ON point.l = entry.lead_id WHERE leads.lead_id = entry.lead_id"),
      pg::ArrayLiteral(lead_ids), pg::ArrayLiteral(campaign_ids), pg::ArrayLiteral(customer_ids),
      pg::ArrayLiteral(callbacks), pg::ArrayLiteral(priorities), pg::ArrayLiteral(next),
      pg::ArrayLiteral(reserved), pg::ArrayLiteral(queued_from), pg::ArrayLiteral(points),
      Micros(entries.front().fill_time));
  return static_cast<int>(queued.affected_rows());
}

std::optional<TakenLead> HopperStore::Take(pqxx::work& tx, const std::string& campaign_id,
                                           const std::string& agent_id, TimePoint now) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat(
          TakeNextEntry(),
          " lead AS (UPDATE leads SET state = 5, attempts = attempts + 1, last_attempt_time = ",
          MicrosToTime(3), ", revision = revision + 1, update_time = ", MicrosToTime(3),
          " FROM taken WHERE leads.lead_id = taken.lead_id RETURNING leads.lead_id,"
          " leads.campaign_id, leads.customer_id, leads.contact_point_id, leads.attempts,"
          " taken.callback_due),"
          " call AS (INSERT INTO customer_calls (customer_id, call_time, lead_id)"
          " SELECT customer_id, ",
          MicrosToTime(3),
          ", lead_id FROM lead) SELECT lead_id::text, campaign_id, customer_id,"
          " contact_point_id, callback_due, attempts FROM lead"),
      campaign_id, agent_id, Micros(now));
  if (r.empty()) return std::nullopt;
  const pqxx::row& row = r[0];
  return TakenLead{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   row[3].as<std::string>(), row[4].as<bool>(), row[5].as<int>()};
}

int HopperStore::EvictOlderThan(pqxx::work& tx, const std::string& campaign_id,
                                TimePoint before) const {
  return static_cast<int>(
      tx.exec_params(EvictWhere(absl::StrCat("campaign_id = $1 AND fill_time < ",
                                             MicrosToTime(2))),
                     campaign_id, Micros(before))
          .affected_rows());
}

int HopperStore::EvictCustomer(pqxx::work& tx, const std::string& customer_id) const {
  return static_cast<int>(
      tx.exec_params(EvictWhere("customer_id = $1"), customer_id).affected_rows());
}

bool HopperStore::EvictLead(pqxx::work& tx, const std::string& lead_id) const {
  return tx.exec_params(EvictWhere("lead_id = $1::uuid"), lead_id).affected_rows() > 0;
}

int HopperStore::Count(pqxx::work& tx, const std::string& campaign_id) const {
  return tx.exec_params1("SELECT count(*) FROM hopper WHERE campaign_id = $1", campaign_id)[0]
      .as<int>();
}

int HopperStore::CountCallbacks(pqxx::work& tx, const std::string& campaign_id) const {
  return tx.exec_params1(
             "SELECT count(*) FROM hopper WHERE campaign_id = $1 AND callback_due", campaign_id)[0]
      .as<int>();
}

}  // namespace tmk::dialing
