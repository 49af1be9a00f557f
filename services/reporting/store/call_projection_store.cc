#include "services/reporting/store/call_projection_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/pg/array_literal.h"
#include "services/reporting/domain/campaign_contribution.h"
#include "services/reporting/store/column_arrays.h"
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

// A key column and its array type; the bucket travels as Unix microseconds.
struct KeyColumn {
  std::string name;
  const char* array_type;
};

std::vector<KeyColumn> KeyColumns(const RollupTable& table) {
  std::vector<KeyColumn> keys = {{"bucket_start", "bigint[]"},
                                 {"region_id", "text[]"},
                                 {"campaign_id", "text[]"},
                                 {"variant_id", "text[]"}};
  if (table.by_agent) keys.push_back({"agent_id", "text[]"});
  keys.insert(keys.end(), {{"queue_id", "text[]"}, {"direction", "smallint[]"}});
  return keys;
}

// The key's values, in KeyColumns order.
std::vector<std::string> KeyValues(const RollupTable& table, const CallRollupKey& k) {
  std::vector<std::string> values = {std::to_string(ToMicros(k.bucket)), k.region_id,
                                     k.campaign_id, k.variant_id};
  if (table.by_agent) values.push_back(k.agent_id);
  values.insert(values.end(), {k.queue_id, std::to_string(static_cast<int>(k.direction))});
  return values;
}

// "unnest($1::bigint[], ...) AS u(bucket_start, ...)" over the keys, then `extra` columns of
// bigint[] named `extra_names`.
std::string Unnest(const std::vector<KeyColumn>& keys, const std::vector<std::string>& extra_names) {
  std::vector<std::string> arrays, names;
  for (const KeyColumn& k : keys) {
    arrays.push_back(absl::StrCat("$", arrays.size() + 1, "::", k.array_type));
    names.push_back(k.name);
  }
  for (const std::string& name : extra_names) {
    arrays.push_back(absl::StrCat("$", arrays.size() + 1, "::bigint[]"));
    names.push_back(name);
  }
  return absl::StrCat("unnest(", absl::StrJoin(arrays, ", "), ") AS u(", absl::StrJoin(names, ", "),
                      ")");
}

std::vector<std::string> KeyNames(const std::vector<KeyColumn>& keys) {
  std::vector<std::string> names;
  for (const KeyColumn& k : keys) names.push_back(k.name);
  return names;
}

// INSERT ... SELECT FROM unnest ... ON CONFLICT adding each measure to the row: rollups are sums
// of deltas, and each key comes once per statement (SumByKey).
std::string UpsertSql(const RollupTable& table) {
  const std::vector<KeyColumn> keys = KeyColumns(table);
  const auto& columns = CallProjectionStore::MeasureColumns();
  std::vector<std::string> select = {TM_PG_MICROS("u.bucket_start")};
  for (size_t i = 1; i < keys.size(); ++i) select.push_back("u." + keys[i].name);
  std::vector<std::string> sets;
  for (const std::string& c : columns) {
    select.push_back("u." + c);
    sets.push_back(absl::StrCat(c, " = ", table.name, ".", c, " + EXCLUDED.", c));
  }
  const std::string key_list = absl::StrJoin(KeyNames(keys), ", ");
  return absl::StrCat("INSERT INTO ", table.name, " (", key_list, ", ", absl::StrJoin(columns, ", "),
                      ") SELECT ", absl::StrJoin(select, ", "), " FROM ", Unnest(keys, columns),
                      " ON CONFLICT (", key_list, ") DO UPDATE SET ", absl::StrJoin(sets, ", "));
}

// Removes the listed keys' rows whose every measure is zero.
std::string EmptyRowDeleteSql(const RollupTable& table) {
  const std::vector<KeyColumn> keys = KeyColumns(table);
  std::vector<std::string> where = {absl::StrCat("t.bucket_start = ", TM_PG_MICROS("u.bucket_start"))};
  for (size_t i = 1; i < keys.size(); ++i) {
    where.push_back(absl::StrCat("t.", keys[i].name, " = u.", keys[i].name));
  }
  for (const std::string& c : CallProjectionStore::MeasureColumns()) where.push_back("t." + c + " = 0");
  return absl::StrCat("DELETE FROM ", table.name, " t USING ", Unnest(keys, {}), " WHERE ",
                      absl::StrJoin(where, " AND "));
}

// A table's statements, built once.
struct RollupStatements {
  explicit RollupStatements(RollupTable t)
      : table(t), upsert(UpsertSql(t)), empty(EmptyRowDeleteSql(t)) {}
  RollupTable table;
  std::string upsert;
  std::string empty;
};

// Adds `changes` (one per key) to the statements' table.
void Apply(pqxx::work& tx, const RollupStatements& rollup,
           const std::vector<CallContribution>& changes) {
  if (changes.empty()) return;
  const size_t key_count = KeyColumns(rollup.table).size();
  ColumnArrays upsert(key_count + CallProjectionStore::MeasureColumns().size());
  ColumnArrays retracted(key_count);
  for (const CallContribution& change : changes) {
    std::vector<std::string> row = KeyValues(rollup.table, change.key);
    const std::vector<int64_t> values = Values(change.measures);
    // A retraction that emptied its row (the call moved to another key) leaves no row behind, so
    // the rollups hold the same rows whatever order the steps came in.
    if (std::any_of(values.begin(), values.end(), [](int64_t v) { return v < 0; })) {
      retracted.AddRow(row);
    }
    for (int64_t value : values) row.push_back(std::to_string(value));
    upsert.AddRow(row);
  }
  upsert.Exec(tx, rollup.upsert);
  if (!retracted.empty()) retracted.Exec(tx, rollup.empty);
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

std::set<CallProjectionStore::StepId> CallProjectionStore::AddSteps(
    pqxx::work& tx, const std::vector<StoredStep>& steps) const {
  std::set<StepId> added;
  if (steps.empty()) return added;
  ColumnArrays columns(3);
  for (const StoredStep& s : steps) {
    columns.AddRow({s.call_id, std::to_string(s.sequence),
                    tx.esc_raw(reinterpret_cast<const unsigned char*>(s.payload.data()),
                               s.payload.size())});
  }
  for (const auto& row : columns.Exec(tx,
                                      "INSERT INTO call_step (call_id, sequence, payload)"
                                      " SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])"
                                      " ON CONFLICT DO NOTHING RETURNING call_id, sequence")) {
    added.emplace(row[0].as<std::string>(), row[1].as<int64_t>());
  }
  return added;
}

std::map<std::string, std::vector<StoredStep>> CallProjectionStore::Steps(
    pqxx::work& tx, const std::vector<std::string>& call_ids) const {
  std::map<std::string, std::vector<StoredStep>> steps;
  for (const auto& row : tx.exec_params(
           "SELECT call_id, sequence, payload FROM call_step WHERE call_id = ANY($1::text[])",
           pg::ArrayLiteral(call_ids))) {
    std::string call_id = row[0].as<std::string>();
    steps[call_id].push_back({call_id, row[1].as<int64_t>(), pqxx::binarystring(row[2]).str()});
  }
  return steps;
}

void CallProjectionStore::ApplyContributions(pqxx::work& tx,
                                             const std::vector<CallContribution>& changes) const {
  static const RollupStatements call(kCallRollup), campaign(kCampaignRollup),
      campaign_day(kCampaignDayRollup);
  Apply(tx, call, SumByKey(changes));
  Apply(tx, campaign, AtCampaignGrain(changes, CampaignGrain::kQuarterHour));
  Apply(tx, campaign_day, AtCampaignGrain(changes, CampaignGrain::kUtcDay));
}

void CallProjectionStore::TrackOpen(pqxx::work& tx, const std::vector<CallFacts>& calls) const {
  std::vector<std::string> over;
  ColumnArrays open(7);
  for (const CallFacts& f : calls) {
    if (f.ended || f.abandoned) {
      over.push_back(f.call_id);
      continue;
    }
    open.AddRow({f.call_id, f.region_id, f.campaign_id, f.queue_id, f.agent_id,
                 f.connected ? "true" : "false", std::to_string(ToMicros(f.start))});
  }
  if (!over.empty()) {
    tx.exec_params("DELETE FROM call_open WHERE call_id = ANY($1::text[])", pg::ArrayLiteral(over));
  }
  if (open.empty()) return;
  open.Exec(
      tx,
      "INSERT INTO call_open (call_id, region_id, campaign_id, queue_id, agent_id, connected, since)"
      " SELECT u.call_id, u.region_id, u.campaign_id, u.queue_id, u.agent_id, u.connected, "
      TM_PG_MICROS("u.since") " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],"
      " $5::text[], $6::boolean[], $7::bigint[])"
      " AS u(call_id, region_id, campaign_id, queue_id, agent_id, connected, since)"
      " ON CONFLICT (call_id) DO UPDATE SET region_id = EXCLUDED.region_id,"
      " campaign_id = EXCLUDED.campaign_id, queue_id = EXCLUDED.queue_id,"
      " agent_id = EXCLUDED.agent_id, connected = EXCLUDED.connected, since = EXCLUDED.since");
}

void CallProjectionStore::UpsertTimeline(pqxx::work& tx,
                                         const std::vector<CallFacts>& calls) const {
  ColumnArrays entries(14);
  for (const CallFacts& f : calls) {
    if (f.customer_id.empty()) continue;
    entries.AddRow({f.customer_id, "call:" + f.call_id, std::to_string(ToMicros(f.start)),
                    f.campaign_id, f.agent_id, f.call_id, f.order_id,
                    std::to_string(static_cast<int>(f.direction)), std::to_string(f.outcome),
                    f.disposition_code, std::to_string(f.stage), std::to_string(f.intention),
                    std::to_string(static_cast<int64_t>(f.talk.count())), f.region_id});
  }
  if (entries.empty()) return;
  entries.Exec(
      tx,
      "INSERT INTO timeline_entry (customer_id, entry_key, kind, occur_time, campaign_id, agent_id,"
      " call_id, order_id, direction, outcome, disposition_code, stage, intention, talk_ms,"
      " currency_code, order_total, summary, region_id)"
      " SELECT u.customer_id, u.entry_key, 1, " TM_PG_MICROS("u.occur_time") ", u.campaign_id,"
      " u.agent_id, u.call_id, u.order_id, u.direction, u.outcome, u.disposition_code, u.stage,"
      " u.intention, u.talk_ms, '', 0, '', u.region_id"
      " FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],"
      " $7::text[], $8::smallint[], $9::smallint[], $10::text[], $11::smallint[], $12::smallint[],"
      " $13::bigint[], $14::text[]) AS u(customer_id, entry_key, occur_time, campaign_id, agent_id,"
      " call_id, order_id, direction, outcome, disposition_code, stage, intention, talk_ms,"
      " region_id)"
      " ON CONFLICT (customer_id, entry_key) DO UPDATE SET occur_time = EXCLUDED.occur_time,"
      " campaign_id = EXCLUDED.campaign_id, agent_id = EXCLUDED.agent_id,"
      " order_id = EXCLUDED.order_id, direction = EXCLUDED.direction, outcome = EXCLUDED.outcome,"
      " disposition_code = EXCLUDED.disposition_code, stage = EXCLUDED.stage,"
      " intention = EXCLUDED.intention, talk_ms = EXCLUDED.talk_ms, region_id = EXCLUDED.region_id");
}

}  // namespace tmk::reporting
