#include "services/reporting/store/call_projection_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/reporting/domain/campaign_contribution.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {
namespace {

std::vector<int64_t> Values(const CallMeasures& measures) {
  std::vector<int64_t> values;
  CallMeasures copy = measures;
  copy.Zip(CallMeasures{}, [&](int64_t& a, int64_t) { values.push_back(a); });
  return values;
}

// A rollup table and its key columns: call_rollup keeps the agent, the campaign rollups
// (migrations/0003) do not.
struct RollupTable {
  const char* name;
  bool by_agent;
};
constexpr RollupTable kCallRollup{"call_rollup", true};
constexpr RollupTable kCampaignRollup{"call_campaign_rollup", false};
constexpr RollupTable kCampaignDayRollup{"call_campaign_day_rollup", false};

std::vector<std::string> KeyColumns(const RollupTable& table) {
  std::vector<std::string> keys = {"bucket_start", "region_id", "campaign_id", "variant_id"};
  if (table.by_agent) keys.push_back("agent_id");
  keys.insert(keys.end(), {"queue_id", "direction"});
  return keys;
}

// The key's parameters, in KeyColumns order.
std::vector<std::string> KeyParams(const RollupTable& table, const CallRollupKey& k) {
  std::vector<std::string> params = {std::to_string(ToMicros(k.bucket)), k.region_id,
                                     k.campaign_id, k.variant_id};
  if (table.by_agent) params.push_back(k.agent_id);
  params.insert(params.end(), {k.queue_id, std::to_string(static_cast<int>(k.direction))});
  return params;
}

// INSERT ... ON CONFLICT adding each measure to the row: rollups are sums of deltas.
std::string UpsertSql(const RollupTable& table) {
  const std::vector<std::string> keys = KeyColumns(table);
  const auto& columns = CallProjectionStore::MeasureColumns();
  std::vector<std::string> params = {TM_PG_MICROS("$1")};
  for (size_t i = 1; i < keys.size(); ++i) params.push_back(absl::StrCat("$", i + 1));
  std::vector<std::string> sets;
  for (size_t i = 0; i < columns.size(); ++i) {
    params.push_back(absl::StrCat("$", keys.size() + i + 1));
    sets.push_back(absl::StrCat(columns[i], " = ", table.name, ".", columns[i], " + EXCLUDED.",
                                columns[i]));
  }
  return absl::StrCat("INSERT INTO ", table.name, " (", absl::StrJoin(keys, ", "), ", ",
                      absl::StrJoin(columns, ", "), ") VALUES (", absl::StrJoin(params, ", "),
                      ") ON CONFLICT (", absl::StrJoin(keys, ", "), ") DO UPDATE SET ",
                      absl::StrJoin(sets, ", "));
}

std::string EmptyRowDeleteSql(const RollupTable& table) {
  const std::vector<std::string> keys = KeyColumns(table);
  std::vector<std::string> where = {"bucket_start = " TM_PG_MICROS("$1")};
  for (size_t i = 1; i < keys.size(); ++i) where.push_back(absl::StrCat(keys[i], " = $", i + 1));
  for (const std::string& c : CallProjectionStore::MeasureColumns()) where.push_back(c + " = 0");
  return absl::StrCat("DELETE FROM ", table.name, " WHERE ", absl::StrJoin(where, " AND "));
}

// A table's statements, built once.
struct RollupStatements {
  explicit RollupStatements(RollupTable t)
      : table(t), upsert(UpsertSql(t)), empty(EmptyRowDeleteSql(t)) {}
  RollupTable table;
  std::string upsert;
  std::string empty;
};

// Adds `changes` to the statements' table.
void Apply(pqxx::work& tx, const RollupStatements& rollup,
           const std::vector<CallContribution>& changes) {
  for (const CallContribution& change : changes) {
    std::vector<std::string> params = KeyParams(rollup.table, change.key);
    const size_t key_count = params.size();
    const std::vector<int64_t> values = Values(change.measures);
    for (int64_t value : values) params.push_back(std::to_string(value));
    tx.exec_params(rollup.upsert, pqxx::prepare::make_dynamic_params(params));
    // A retraction that emptied its row (the call moved to another key) leaves no row behind, so
    // the rollups hold the same rows whatever order the steps came in.
    if (std::any_of(values.begin(), values.end(), [](int64_t v) { return v < 0; })) {
      params.resize(key_count);
      tx.exec_params(rollup.empty, pqxx::prepare::make_dynamic_params(params));
    }
  }
}

}  // namespace

const std::vector<std::string>& CallProjectionStore::MeasureColumns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c = {
        "dial_attempts", "contacts",     "offered",  "handled", "abandoned",
        "abandons_by_agent", "machine_detected", "transferred", "transfer_ms", "wait_ms",
        "handle_count",  "talk_ms",      "hold_ms",  "wrap_ms", "line_ms",
        "dispositions",  "conversions",  "orders"};
    for (int seconds : kServiceLevelSeconds) c.push_back(absl::StrCat("within_", seconds, "s"));
    return c;
  }();
  return columns;
}

bool CallProjectionStore::AddStep(pqxx::work& tx, const std::string& call_id, int64_t sequence,
                                  const std::string& payload) const {
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO call_step (call_id, sequence, payload) VALUES ($1, $2, $3)"
      " ON CONFLICT DO NOTHING RETURNING 1",
      call_id, sequence, pqxx::binarystring(payload.data(), payload.size()));
  return !inserted.empty();
}

std::vector<std::pair<int64_t, std::string>> CallProjectionStore::Steps(
    pqxx::work& tx, const std::string& call_id) const {
  std::vector<std::pair<int64_t, std::string>> steps;
  for (const auto& row :
       tx.exec_params("SELECT sequence, payload FROM call_step WHERE call_id = $1", call_id)) {
    steps.emplace_back(row[0].as<int64_t>(), pqxx::binarystring(row[1]).str());
  }
  return steps;
}

void CallProjectionStore::ApplyContributions(pqxx::work& tx,
                                             const std::vector<CallContribution>& changes) const {
  static const RollupStatements call(kCallRollup), campaign(kCampaignRollup),
      campaign_day(kCampaignDayRollup);
  Apply(tx, call, changes);
  Apply(tx, campaign, AtCampaignGrain(changes, CampaignGrain::kQuarterHour));
  Apply(tx, campaign_day, AtCampaignGrain(changes, CampaignGrain::kUtcDay));
}

void CallProjectionStore::TrackOpen(pqxx::work& tx, const CallFacts& f) const {
  if (f.ended || f.abandoned) {
    tx.exec_params("DELETE FROM call_open WHERE call_id = $1", f.call_id);
    return;
  }
  tx.exec_params(
      "INSERT INTO call_open (call_id, region_id, campaign_id, queue_id, agent_id, connected, since)"
      " VALUES ($1, $2, $3, $4, $5, $6, " TM_PG_MICROS("$7") ")"
      " ON CONFLICT (call_id) DO UPDATE SET region_id = EXCLUDED.region_id,"
      " campaign_id = EXCLUDED.campaign_id, queue_id = EXCLUDED.queue_id,"
      " agent_id = EXCLUDED.agent_id, connected = EXCLUDED.connected, since = EXCLUDED.since",
      f.call_id, f.region_id, f.campaign_id, f.queue_id, f.agent_id, f.connected, ToMicros(f.start));
}

void CallProjectionStore::UpsertTimeline(pqxx::work& tx, const CallFacts& f) const {
  if (f.customer_id.empty()) return;
  tx.exec_params(
      "INSERT INTO timeline_entry (customer_id, entry_key, kind, occur_time, campaign_id, agent_id,"
      " call_id, order_id, direction, outcome, disposition_code, stage, intention, talk_ms,"
      " currency_code, order_total, summary, region_id)"
      " VALUES ($1, $2, 1, " TM_PG_MICROS("$3") ", $4, $5, $6, $7, $8, $9, $10, $11, $12,"
      " $13, '', 0, '', $14)"
      " ON CONFLICT (customer_id, entry_key) DO UPDATE SET occur_time = EXCLUDED.occur_time,"
      " campaign_id = EXCLUDED.campaign_id, agent_id = EXCLUDED.agent_id,"
      " order_id = EXCLUDED.order_id, direction = EXCLUDED.direction, outcome = EXCLUDED.outcome,"
      " disposition_code = EXCLUDED.disposition_code, stage = EXCLUDED.stage,"
      " intention = EXCLUDED.intention, talk_ms = EXCLUDED.talk_ms, region_id = EXCLUDED.region_id",
      f.customer_id, "call:" + f.call_id, ToMicros(f.start), f.campaign_id, f.agent_id, f.call_id,
      f.order_id, static_cast<int>(f.direction), f.outcome, f.disposition_code, f.stage,
      f.intention, static_cast<int64_t>(f.talk.count()), f.region_id);
}

}  // namespace tmk::reporting
