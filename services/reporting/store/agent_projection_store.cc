#include "services/reporting/store/agent_projection_store.h"

#include <map>
#include <tuple>
#include <utility>

#include "services/reporting/domain/conflict_rounds.h"
#include "services/reporting/store/column_arrays.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

void AgentProjectionStore::AddSpans(pqxx::work& tx,
                                    const std::vector<AgentStateSpan>& spans) const {
  // (bucket, region, agent, state) -> (duration, spans)
  std::map<std::tuple<int64_t, std::string, std::string, int>, std::pair<int64_t, int64_t>> rows;
  for (const AgentStateSpan& span : spans) {
    auto& [duration, count] = rows[{ToMicros(span.bucket), span.region_id, span.agent_id,
                                    static_cast<int>(span.state)}];
    duration += span.duration.count();
    ++count;
  }
  if (rows.empty()) return;
  ColumnArrays columns(6);
  for (const auto& [key, sums] : rows) {
    columns.AddRow({std::to_string(std::get<0>(key)), std::get<1>(key), std::get<2>(key),
                    std::to_string(std::get<3>(key)), std::to_string(sums.first),
                    std::to_string(sums.second)});
  }
  columns.Exec(
      tx,
      "INSERT INTO agent_rollup (bucket_start, region_id, agent_id, state, duration_ms, spans)"
      " SELECT " TM_PG_MICROS("u.bucket") ", u.region_id, u.agent_id, u.state, u.duration_ms,"
      " u.spans FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::bigint[],"
      " $6::bigint[]) AS u(bucket, region_id, agent_id, state, duration_ms, spans)"
      " ON CONFLICT (bucket_start, region_id, agent_id, state) DO UPDATE SET"
      " duration_ms = agent_rollup.duration_ms + EXCLUDED.duration_ms,"
      " spans = agent_rollup.spans + EXCLUDED.spans");
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

void AgentProjectionStore::UpsertCurrent(pqxx::work& tx,
                                         const std::vector<AgentCurrent>& currents) const {
  std::vector<std::string> agent_ids;
  for (const AgentCurrent& c : currents) agent_ids.push_back(c.agent_id);
  for (const std::vector<size_t>& round : ConflictRounds(agent_ids)) {
    ColumnArrays columns(7);
    for (size_t i : round) {
      const AgentCurrent& c = currents[i];
      columns.AddRow({c.agent_id, c.region_id, std::to_string(c.state),
                      std::to_string(c.pause_reason), c.call_id, c.campaign_id,
                      std::to_string(ToMicros(c.since))});
    }
    columns.Exec(
        tx,
        "INSERT INTO agent_current (agent_id, region_id, state, pause_reason, call_id,"
        " campaign_id, since) SELECT u.agent_id, u.region_id, u.state, u.pause_reason, u.call_id,"
        " u.campaign_id, " TM_PG_MICROS("u.since") " FROM unnest($1::text[], $2::text[],"
        " $3::int[], $4::int[], $5::text[], $6::text[], $7::bigint[])"
        " AS u(agent_id, region_id, state, pause_reason, call_id, campaign_id, since)"
        " ON CONFLICT (agent_id) DO UPDATE SET region_id = EXCLUDED.region_id,"
        " state = EXCLUDED.state, pause_reason = EXCLUDED.pause_reason,"
        " call_id = EXCLUDED.call_id, campaign_id = EXCLUDED.campaign_id, since = EXCLUDED.since"
        " WHERE agent_current.since < EXCLUDED.since");
  }
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
