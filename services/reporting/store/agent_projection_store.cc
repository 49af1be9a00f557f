#include "services/reporting/store/agent_projection_store.h"

#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

void AgentProjectionStore::AddSpan(pqxx::work& tx, const AgentStateSpan& span) const {
  tx.exec_params(
      "INSERT INTO agent_rollup (bucket_start, region_id, agent_id, state, duration_ms, spans)"
      " VALUES (" TM_PG_MICROS("$1") ", $2, $3, $4, $5, 1)"
      " ON CONFLICT (bucket_start, region_id, agent_id, state) DO UPDATE SET"
      " duration_ms = agent_rollup.duration_ms + EXCLUDED.duration_ms,"
      " spans = agent_rollup.spans + 1",
      ToMicros(span.bucket), span.region_id, span.agent_id, static_cast<int>(span.state),
      static_cast<int64_t>(span.duration.count()));
}

void AgentProjectionStore::UpsertProfile(pqxx::work& tx, const std::string& agent_id,
                                         const std::string& display_name,
                                         const std::string& group_id, int64_t revision) const {
  tx.exec_params(
      "INSERT INTO agent_profile (agent_id, display_name, group_id, revision)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT (agent_id) DO UPDATE SET"
      " display_name = EXCLUDED.display_name, group_id = EXCLUDED.group_id,"
      " revision = EXCLUDED.revision WHERE agent_profile.revision < EXCLUDED.revision",
      agent_id, display_name, group_id, revision);
}

void AgentProjectionStore::UpsertCurrent(pqxx::work& tx, const AgentCurrent& c) const {
  tx.exec_params(
      "INSERT INTO agent_current (agent_id, region_id, state, pause_reason, call_id, campaign_id,"
      " since) VALUES ($1, $2, $3, $4, $5, $6, " TM_PG_MICROS("$7") ")"
      " ON CONFLICT (agent_id) DO UPDATE SET region_id = EXCLUDED.region_id,"
      " state = EXCLUDED.state, pause_reason = EXCLUDED.pause_reason,"
      " call_id = EXCLUDED.call_id, campaign_id = EXCLUDED.campaign_id, since = EXCLUDED.since"
      " WHERE agent_current.since < EXCLUDED.since",
      c.agent_id, c.region_id, c.state, c.pause_reason, c.call_id, c.campaign_id,
      ToMicros(c.since));
}

std::vector<AgentCurrent> AgentProjectionStore::LoadCurrent(pqxx::work& tx) const {
  std::vector<AgentCurrent> agents;
  for (const auto& row : tx.exec(
           "SELECT agent_id, region_id, state, pause_reason, call_id, campaign_id, " TM_PG_EPOCH_MICROS(
               "since") " FROM agent_current")) {
    agents.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(),
                      row[3].as<int>(), row[4].as<std::string>(), row[5].as<std::string>(),
                      FromMicros(row[6].as<int64_t>())});
  }
  return agents;
}

}  // namespace tmk::reporting
