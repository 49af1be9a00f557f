#include "services/dialing/store/preview_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/dialing/store/customer_call_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace {

std::string Columns() {
  return absl::StrCat("call_id::text, session_id::text, agent_id, lead_id::text, campaign_id,"
                      " customer_id, contact_point_id, callback_due, queued_from, ",
                      TimeToMicros("offer_time"), ", ", TimeToMicros("auto_dial_time"));
}

PreviewRow Read(const pqxx::row& r) {
  PreviewRow p;
  p.call_id = r[0].as<std::string>();
  p.session_id = r[1].as<std::string>();
  p.agent_id = r[2].as<std::string>();
  p.lead_id = r[3].as<std::string>();
  p.campaign_id = r[4].as<std::string>();
  p.customer_id = r[5].as<std::string>();
  p.contact_point_id = r[6].as<std::string>();
  p.callback_due = r[7].as<bool>();
  p.queued_from = static_cast<LeadState>(r[8].as<int>());
  p.offer_time = ReadTime(r[9]);
  p.auto_dial_time = ReadOptionalTime(r[10]);
  return p;
}

}  // namespace

std::optional<PreviewRow> PreviewStore::Take(pqxx::work& tx, const std::string& campaign_id,
                                             PreviewRow held) const {
  // The hopper's order and locking exactly as HopperStore::Take, without the attempt.
  pqxx::result r = tx.exec_params(
      absl::StrCat(
          TakeNextEntry(),
          " lead AS (UPDATE leads SET state = 5, revision = revision + 1, update_time = ",
          MicrosToTime(5),
          " FROM taken WHERE leads.lead_id = taken.lead_id RETURNING leads.lead_id,"
          " leads.campaign_id, leads.customer_id, leads.contact_point_id, taken.callback_due,"
          " taken.queued_from)"
          " INSERT INTO previews (call_id, session_id, agent_id, lead_id, campaign_id,"
          " customer_id, contact_point_id, callback_due, queued_from, offer_time, auto_dial_time)"
          " SELECT $3::uuid, $4::uuid, $2, lead_id, campaign_id, customer_id, contact_point_id,"
          " callback_due, queued_from, ",
          MicrosToTime(5), ", ", OptionalMicrosToTime(6), " FROM lead RETURNING ", Columns()),
      campaign_id, held.agent_id, held.call_id, held.session_id, Micros(held.offer_time),
      OptionalMicros(held.auto_dial_time));
  if (r.empty()) return std::nullopt;
  return Read(r[0]);
}

std::optional<PreviewRow> PreviewStore::FindBySession(pqxx::work& tx,
                                                      const std::string& session_id,
                                                      bool for_update) const {
  if (!Uuid::Parse(session_id)) return std::nullopt;
  pqxx::result r = tx.exec_params(absl::StrCat("SELECT ", Columns(),
                                               " FROM previews WHERE session_id = $1::uuid",
                                               for_update ? " FOR UPDATE" : ""),
                                  session_id);
  if (r.empty()) return std::nullopt;
  return Read(r[0]);
}

std::vector<PreviewRow> PreviewStore::List(pqxx::work& tx) const {
  std::vector<PreviewRow> out;
  for (const pqxx::row& row :
       tx.exec(absl::StrCat("SELECT ", Columns(), " FROM previews ORDER BY offer_time"))) {
    out.push_back(Read(row));
  }
  return out;
}

std::vector<PreviewRow> PreviewStore::ListOrphaned(pqxx::work& tx) const {
  // A session holds its preview while RESERVED (3) on the preview's call id.
  std::vector<PreviewRow> out;
  for (const pqxx::row& row : tx.exec(absl::StrCat(
           "SELECT ", Columns(), " FROM previews p WHERE NOT EXISTS (SELECT 1 FROM agent_sessions"
           " s WHERE s.session_id = p.session_id AND s.state = 3 AND s.logout_time IS NULL)"
           " ORDER BY offer_time FOR UPDATE SKIP LOCKED"))) {
    out.push_back(Read(row));
  }
  return out;
}

int PreviewStore::Place(pqxx::work& tx, const PreviewRow& preview, TimePoint now) const {
  Remove(tx, preview.call_id);
  CustomerCallStore().Record(tx, preview.customer_id, preview.lead_id, now);
  return tx
      .exec_params1(absl::StrCat("UPDATE leads SET attempts = attempts + 1, last_attempt_time = ",
                                 MicrosToTime(2), ", revision = revision + 1, update_time = ",
                                 MicrosToTime(2), " WHERE lead_id = $1::uuid RETURNING attempts"),
                    preview.lead_id, Micros(now))[0]
      .as<int>();
}

void PreviewStore::GiveBack(pqxx::work& tx, const PreviewRow& preview) const {
  Remove(tx, preview.call_id);
  tx.exec_params(
      "UPDATE leads SET state = $2, revision = revision + 1 WHERE lead_id = $1::uuid"
      " AND state = 5",
      preview.lead_id, static_cast<int>(preview.queued_from));
}

void PreviewStore::Remove(pqxx::work& tx, const std::string& call_id) const {
  tx.exec_params("DELETE FROM previews WHERE call_id = $1::uuid", call_id);
}

}  // namespace tmk::dialing
