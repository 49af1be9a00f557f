#include "services/dialing/store/agent_session_store.h"

#include <google/protobuf/util/time_util.h>

#include <stdexcept>

#include "absl/strings/str_join.h"
#include "services/common/core/uuid.h"
#include "services/common/pg/array_literal.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kColumns[] = "record, call_campaign_id, pending_logout_cause";

v1::AgentSession ParseRecord(const pqxx::field& field) {
  v1::AgentSession session;
  if (!session.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("a stored agent session record does not parse");
  }
  return session;
}

std::optional<SessionRow> First(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return SessionRow{ParseRecord(rows[0][0]), rows[0][1].as<std::string>(),
                    rows[0][2].as<std::string>()};
}

std::string Campaigns(const v1::AgentSession& session) {
  return pg::ArrayLiteral({session.campaign_ids().begin(), session.campaign_ids().end()});
}

// "" while the session is open, stored as NULL.
std::string LogoutTime(const v1::AgentSession& session) {
  return session.has_logout_time() ? TimeUtil::ToString(session.logout_time()) : std::string();
}

std::string Micros(TimePoint t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

}  // namespace

void AgentSessionStore::Insert(pqxx::work& tx, const SessionRow& row) const {
  const v1::AgentSession& s = row.session;
  const std::string bytes = s.SerializeAsString();
  tx.exec_params(
      "INSERT INTO agent_sessions (session_id, agent_id, state, campaign_ids, login_time,"
      " logout_time, call_campaign_id, pending_logout_cause, record) VALUES ($1::uuid, $2::uuid,"
      " $3, $4::text[], $5::timestamptz, NULLIF($6, '')::timestamptz, $7, $8, $9)",
      s.session_id(), s.agent_id(), static_cast<int>(s.state()), Campaigns(s),
      TimeUtil::ToString(s.login_time()), LogoutTime(s), row.call_campaign_id,
      row.pending_logout_cause, pqxx::binarystring(bytes.data(), bytes.size()));
}

std::optional<SessionRow> AgentSessionStore::Find(pqxx::work& tx, const std::string& session_id,
                                                  bool for_update) const {
  if (!Uuid::Parse(session_id)) return std::nullopt;
  return First(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM agent_sessions WHERE session_id = $1::uuid" +
                                  (for_update ? " FOR UPDATE" : ""),
                              session_id));
}

std::optional<SessionRow> AgentSessionStore::FindOpenForAgent(pqxx::work& tx,
                                                              const std::string& agent_id) const {
  if (!Uuid::Parse(agent_id)) return std::nullopt;
  return First(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM agent_sessions WHERE agent_id = $1::uuid"
                                  " AND logout_time IS NULL",
                              agent_id));
}

void AgentSessionStore::Update(pqxx::work& tx, const SessionRow& row) const {
  const v1::AgentSession& s = row.session;
  const std::string bytes = s.SerializeAsString();
  tx.exec_params(
      "UPDATE agent_sessions SET state = $2, campaign_ids = $3::text[],"
      " logout_time = NULLIF($4, '')::timestamptz, call_campaign_id = $5,"
      " pending_logout_cause = $6, record = $7 WHERE session_id = $1::uuid",
      s.session_id(), static_cast<int>(s.state()), Campaigns(s), LogoutTime(s),
      row.call_campaign_id, row.pending_logout_cause,
      pqxx::binarystring(bytes.data(), bytes.size()));
}

void AgentSessionStore::AppendStateLog(pqxx::work& tx, const StateLogEntry& e) const {
  tx.exec_params(
      "INSERT INTO agent_state_log (session_id, agent_id, previous_state, state, pause_reason,"
      " call_id, cause, enter_time, previous_state_micros) VALUES ($1::uuid, $2::uuid, $3, $4,"
      " $5, $6, $7, to_timestamp($8::bigint / 1e6), $9)",
      e.session_id, e.agent_id, e.previous_state, e.state, e.pause_reason, e.call_id, e.cause,
      Micros(e.enter_time), static_cast<long long>(e.previous_state_duration.count()));
}

std::vector<StateLogEntry> AgentSessionStore::StateLog(pqxx::work& tx,
                                                       const std::string& session_id) const {
  std::vector<StateLogEntry> entries;
  if (!Uuid::Parse(session_id)) return entries;
  pqxx::result rows = tx.exec_params(
      "SELECT session_id::text, agent_id::text, previous_state, state, pause_reason, call_id,"
      " cause, (extract(epoch FROM enter_time) * 1e6)::bigint, previous_state_micros"
      " FROM agent_state_log WHERE session_id = $1::uuid ORDER BY entry_id",
      session_id);
  for (const pqxx::row& row : rows) {
    StateLogEntry e;
    e.session_id = row[0].as<std::string>();
    e.agent_id = row[1].as<std::string>();
    e.previous_state = row[2].as<int>();
    e.state = row[3].as<int>();
    e.pause_reason = row[4].as<int>();
    e.call_id = row[5].as<std::string>();
    e.cause = row[6].as<std::string>();
    e.enter_time = TimePoint(std::chrono::microseconds(row[7].as<long long>()));
    e.previous_state_duration = std::chrono::microseconds(row[8].as<long long>());
    entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<v1::AgentSession> AgentSessionStore::List(pqxx::work& tx, const Filter& filter,
                                                      const std::string& after_id,
                                                      int limit) const {
  std::vector<std::string> states;
  for (int state : filter.states) states.push_back(std::to_string(state));
  // UUIDv7 ids sort by creation time, so the id is both the login order and the cursor.
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM agent_sessions s WHERE"
      " ($1 = '' OR s.agent_id = NULLIF($1, '')::uuid)"
      " AND ($2 = '' OR s.agent_id IN (SELECT a.agent_id FROM agents a"
      "      WHERE a.agent_group_ids @> ARRAY[NULLIF($2, '')::uuid]))"
      " AND ($3 = '' OR s.campaign_ids @> ARRAY[$3::text])"
      " AND (CASE WHEN $4::smallint[] = '{}' THEN s.state <> $5 ELSE s.state = ANY($4::smallint[])"
      "      END)"
      " AND (CASE WHEN $6 = '' THEN s.logout_time IS NULL"
      "      ELSE s.login_time >= to_timestamp(NULLIF($6, '')::bigint / 1e6) END)"
      " AND ($7 = '' OR s.session_id > NULLIF($7, '')::uuid)"
      " ORDER BY s.session_id LIMIT $8",
      filter.agent_id, filter.agent_group_id, filter.campaign_id,
      "{" + absl::StrJoin(states, ",") + "}", static_cast<int>(v1::AGENT_STATE_LOGGED_OUT),
      filter.login_after ? Micros(*filter.login_after) : std::string(), after_id, limit);
  std::vector<v1::AgentSession> sessions;
  for (const pqxx::row& row : rows) sessions.push_back(ParseRecord(row[0]));
  return sessions;
}

}  // namespace tmk::dialing
