#include "services/dialing/store/lead_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace {

const std::string& Columns() {
  static const std::string columns = absl::StrCat(
      "lead_id::text, campaign_id, customer_id, contact_point_id, list_id, state, stop_reason,"
      " stage, intention_class, attempts, contacts, contacts_in_class, last_outcome, ",
      TimeToMicros("last_attempt_time"), ", ", TimeToMicros("next_attempt_time"),
      ", callback_owner_agent_id, callback_ownership, priority, hold_reason, ",
      TimeToMicros("hold_until"), ", revision, ", TimeToMicros("create_time"), ", ",
      TimeToMicros("update_time"));
  return columns;
}

LeadRow Read(const pqxx::row& r) {
  LeadRow row;
  LeadFacts& f = row.facts;
  f.lead_id = r[0].as<std::string>();
  f.campaign_id = r[1].as<std::string>();
  f.customer_id = r[2].as<std::string>();
  f.contact_point_id = r[3].as<std::string>();
  row.list_id = r[4].as<std::string>();
  f.state = static_cast<LeadState>(r[5].as<int>());
  f.stop_reason = static_cast<LeadStopReason>(r[6].as<int>());
  f.stage = static_cast<campaigns::SaleStage>(r[7].as<int>());
  f.intention_class = static_cast<campaigns::IntentionClass>(r[8].as<int>());
  f.attempts = r[9].as<int>();
  f.contacts = r[10].as<int>();
  f.contacts_in_class = r[11].as<int>();
  f.last_outcome = static_cast<campaigns::CallOutcome>(r[12].as<int>());
  f.last_attempt_time = ReadOptionalTime(r[13]);
  f.next_attempt_time = ReadOptionalTime(r[14]);
  f.callback_owner_agent_id = r[15].as<std::string>();
  f.callback_ownership = static_cast<CallbackOwnership>(r[16].as<int>());
  f.priority = r[17].as<int>();
  row.hold_reason = static_cast<HopperBlockReason>(r[18].as<int>());
  row.hold_until = ReadOptionalTime(r[19]);
  row.revision = r[20].as<long long>();
  row.create_time = ReadTime(r[21]);
  row.update_time = ReadTime(r[22]);
  return row;
}

std::vector<LeadRow> ReadAll(const pqxx::result& result) {
  std::vector<LeadRow> out;
  out.reserve(result.size());
  for (const pqxx::row& r : result) out.push_back(Read(r));
  return out;
}

std::string IntArray(const std::vector<int>& values) {
  std::vector<std::string> text;
  for (int v : values) text.push_back(std::to_string(v));
  return pg::ArrayLiteral(text);
}

}  // namespace

bool LeadStore::InsertIfAbsent(pqxx::work& tx, const LeadRow& row) const {
  const LeadFacts& f = row.facts;
  pqxx::result created = tx.exec_params(
      absl::StrCat(
          "INSERT INTO leads (lead_id, campaign_id, customer_id, contact_point_id, list_id, state,"
          " priority, next_attempt_time, revision, create_time, update_time) VALUES ($1::uuid,"
          " $2, $3, $4, $5, $6, $7, ",
          OptionalMicrosToTime(8), ", $9, ", MicrosToTime(10), ", ", MicrosToTime(10),
          ") ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING 1"),
      f.lead_id, f.campaign_id, f.customer_id, f.contact_point_id, row.list_id,
      static_cast<int>(f.state), f.priority, OptionalMicros(f.next_attempt_time), row.revision,
      Micros(row.create_time));
  return !created.empty();
}

std::optional<LeadRow> LeadStore::Find(pqxx::work& tx, const std::string& lead_id,
                                       bool for_update) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT ", Columns(), " FROM leads WHERE lead_id = $1::uuid",
                   for_update ? " FOR UPDATE" : ""),
      lead_id);
  if (r.empty()) return std::nullopt;
  return Read(r[0]);
}

std::vector<LeadRow> LeadStore::List(pqxx::work& tx, const LeadFilter& filter, int limit,
                                     const std::string& after_lead_id) const {
  return ReadAll(tx.exec_params(
      absl::StrCat(
          "SELECT ", Columns(),
          " FROM leads WHERE ($1 = '' OR campaign_id = $1) AND ($2 = '' OR customer_id = $2)"
          " AND (cardinality($3::int[]) = 0 OR state = ANY($3::int[]))"
          " AND (cardinality($4::int[]) = 0 OR stage = ANY($4::int[]))"
          " AND (cardinality($5::int[]) = 0 OR intention_class = ANY($5::int[]))"
          " AND ($6 = '' OR callback_owner_agent_id = $6)"
          " AND ($7 = '' OR lead_id > NULLIF($7, '')::uuid) ORDER BY lead_id LIMIT $8"),
      filter.campaign_id, filter.customer_id, IntArray(filter.states), IntArray(filter.stages),
      IntArray(filter.intention_classes), filter.callback_owner_agent_id, after_lead_id, limit));
}

void LeadStore::Update(pqxx::work& tx, const LeadRow& row) const {
  const LeadFacts& f = row.facts;
  tx.exec_params(
      absl::StrCat(
          "UPDATE leads SET contact_point_id = $2, state = $3, stop_reason = $4, stage = $5,"
          " intention_class = $6, attempts = $7, contacts = $8, contacts_in_class = $9,"
          " last_outcome = $10, last_attempt_time = ",
          OptionalMicrosToTime(11), ", next_attempt_time = ", OptionalMicrosToTime(12),
          ", callback_owner_agent_id = $13, callback_ownership = $14, priority = $15,"
          " hold_reason = $16, hold_until = ",
          OptionalMicrosToTime(17), ", revision = $18, update_time = ", MicrosToTime(19),
          " WHERE lead_id = $1::uuid"),
      f.lead_id, f.contact_point_id, static_cast<int>(f.state), static_cast<int>(f.stop_reason),
      static_cast<int>(f.stage), static_cast<int>(f.intention_class), f.attempts, f.contacts,
      f.contacts_in_class, static_cast<int>(f.last_outcome), OptionalMicros(f.last_attempt_time),
      OptionalMicros(f.next_attempt_time), f.callback_owner_agent_id,
      static_cast<int>(f.callback_ownership), f.priority, static_cast<int>(row.hold_reason),
      OptionalMicros(row.hold_until), row.revision, Micros(row.update_time));
}

std::vector<LeadRow> LeadStore::Candidates(pqxx::work& tx, const std::string& campaign_id,
                                           TimePoint now, int limit) const {
  // Two index range scans (leads_callbacks, leads_candidates), each stopping after `limit` rows.
  const std::string due = absl::StrCat("eligible_from <= ", MicrosToTime(2));
  std::vector<LeadRow> out = ReadAll(tx.exec_params(
      absl::StrCat("SELECT ", Columns(), " FROM leads WHERE campaign_id = $1 AND state = 3 AND ",
                   due, " ORDER BY eligible_from LIMIT $3 FOR UPDATE SKIP LOCKED"),
      campaign_id, Micros(now), limit));
  std::vector<LeadRow> rest = ReadAll(tx.exec_params(
      absl::StrCat("SELECT ", Columns(),
                   " FROM leads WHERE campaign_id = $1 AND state IN (1, 2) AND ", due,
                   " ORDER BY priority DESC, eligible_from LIMIT $3 FOR UPDATE SKIP LOCKED"),
      campaign_id, Micros(now), limit));
  out.insert(out.end(), std::make_move_iterator(rest.begin()),
             std::make_move_iterator(rest.end()));
  return out;
}

void LeadStore::Hold(pqxx::work& tx, const std::vector<HoldOrder>& holds) const {
  if (holds.empty()) return;
  std::vector<std::string> ids, reasons, untils;
  for (const HoldOrder& h : holds) {
    ids.push_back(h.lead_id);
    reasons.push_back(std::to_string(static_cast<int>(h.reason)));
    untils.push_back(std::to_string(Micros(h.until)));
  }
  tx.exec_params(
      "UPDATE leads SET hold_reason = h.reason, hold_until = timestamptz 'epoch' + h.until"
      " * interval '1 microsecond' FROM unnest($1::uuid[], $2::smallint[], $3::bigint[])"
      " AS h(lead_id, reason, until) WHERE leads.lead_id = h.lead_id",
      pg::ArrayLiteral(ids), pg::ArrayLiteral(reasons), pg::ArrayLiteral(untils));
}

void LeadStore::ReleaseHolds(pqxx::work& tx, const std::string& customer_id) const {
  // Every open lead of the customer, held or not: a hopper fill that locked one of them and
  // judged it on the facts before this change must be waited for and its hold undone, and a
  // row already held (hold_reason <> 0) would not be waited for if the filter named holds.
  tx.exec_params(
      "UPDATE leads SET hold_reason = 0, hold_until = NULL WHERE customer_id = $1"
      " AND state IN (1, 2, 3, 4)",
      customer_id);
}

long long LeadStore::CountOpen(pqxx::work& tx, const std::string& campaign_id) const {
  return tx.exec_params1("SELECT count(*) FROM leads WHERE campaign_id = $1 AND state NOT IN (6, 7)",
                         campaign_id)[0]
      .as<long long>();
}

std::vector<HoldCount> LeadStore::CountWaiting(pqxx::work& tx, const std::string& campaign_id,
                                               TimePoint now) const {
  // A lead not held but not yet due waits for its callback (CALLBACK) or its next attempt: a
  // cadence step after a conversation (it has contacts), a retry otherwise (R12, R17).
  pqxx::result r = tx.exec_params(
      absl::StrCat(
          "SELECT CASE WHEN hold_until > ", MicrosToTime(2), " THEN hold_reason"
          " WHEN state = 3 THEN 5 WHEN contacts > 0 THEN 3 ELSE 4 END AS reason, count(*), ",
          TimeToMicros("min(eligible_from)"),
          " FROM leads WHERE campaign_id = $1 AND state IN (1, 2, 3) AND eligible_from > ",
          MicrosToTime(2), " GROUP BY 1 ORDER BY 1"),
      campaign_id, Micros(now));
  std::vector<HoldCount> out;
  for (const pqxx::row& row : r) {
    HoldCount c;
    c.reason = static_cast<HopperBlockReason>(row[0].as<int>());
    c.leads = row[1].as<long long>();
    // 'infinity' holds (no known end) have no epoch.
    if (!row[2].is_null()) c.earliest = ReadTime(row[2]);
    out.push_back(c);
  }
  return out;
}

}  // namespace tmk::dialing
