#include "services/reporting/store/report_query_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/pg/array_literal.h"
#include "services/reporting/store/call_projection_store.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {
namespace {

// Parameters every scope binds: $1 start, $2 end, $3 zone, $4.. the filter arrays.
std::vector<std::string> ScopeParams(const ReportScope& s) {
  return {std::to_string(ToMicros(s.start)), std::to_string(ToMicros(s.end)), s.time_zone,
          pg::ArrayLiteral(s.campaign_ids),  pg::ArrayLiteral(s.agent_group_ids),
          pg::ArrayLiteral(s.agent_ids),     pg::ArrayLiteral(s.queue_ids),
          pg::ArrayLiteral(s.region_ids)};
}

// The scope's parameters typed once, as the row `s` every scope query joins: a query need not
// use every one of them.
constexpr char kScopeCte[] =
    "WITH s AS (SELECT " TM_PG_MICROS("$1") " AS start_at, " TM_PG_MICROS("$2") " AS end_at,"
    " $3::text AS zone, $4::text[] AS campaigns, $5::text[] AS groups, $6::text[] AS agents,"
    " $7::text[] AS queues, $8::text[] AS regions) ";

// The filter of `r` (a rollup or fact) and `p` (its agent's profile) by the scope, on the row's
// `time_column`. Agent time has no campaign or queue, orders no queue: those filters are left out
// for them.
// The campaign rollups have no agent: `by_agent` false leaves the agent and group filters out
// (the scope has none then).
std::string FilterSql(const std::string& time_column, bool by_campaign, bool by_queue,
                      bool by_agent = true) {
  return absl::StrCat(
      " WHERE ", time_column, " >= s.start_at AND ", time_column, " < s.end_at",
      by_campaign ? " AND (cardinality(s.campaigns) = 0 OR r.campaign_id = ANY(s.campaigns))" : "",
      by_agent ? " AND (cardinality(s.groups) = 0 OR p.group_id = ANY(s.groups))"
                 " AND (cardinality(s.agents) = 0 OR r.agent_id = ANY(s.agents))"
               : "",
      by_queue ? " AND (cardinality(s.queues) = 0 OR r.queue_id = ANY(s.queues))" : "",
      " AND (cardinality(s.regions) = 0 OR r.region_id = ANY(s.regions))");
}

std::string KeySql(SplitBy split) {
  switch (split) {
    case SplitBy::kNone:
      return "''";
    case SplitBy::kCampaign:
      return "r.campaign_id";
    case SplitBy::kAgentGroup:
      return "coalesce(p.group_id, '')";
    case SplitBy::kAgent:
      return "r.agent_id";
    case SplitBy::kQueue:
      return "r.queue_id";
    case SplitBy::kRegion:
      return "r.region_id";
    case SplitBy::kVariant:
      return "r.variant_id";
  }
  return "''";
}

// Whether the campaign rollups answer: nothing split or filtered by agent or agent group.
bool AgentFree(const ReportScope& scope, SplitBy split) {
  return split != SplitBy::kAgent && split != SplitBy::kAgentGroup && scope.agent_ids.empty() &&
         scope.agent_group_ids.empty();
}

// The whole UTC days of the scope the day rollup may answer: report buckets that are sums of UTC
// days (the whole period, or calendar units in UTC). Empty (start == end) otherwise.
std::pair<TimePoint, TimePoint> DayRollupRange(const ReportScope& scope) {
  const bool utc = scope.time_zone == "UTC" || scope.time_zone == "Etc/UTC";
  const bool sums_days = scope.width == BucketWidth::kTotal ||
                         (utc && (scope.width == BucketWidth::kDay ||
                                  scope.width == BucketWidth::kWeek ||
                                  scope.width == BucketWidth::kMonth));
  if (!sums_days) return {scope.end, scope.end};
  return WholeUtcDays(scope.start, scope.end);
}

// The rows CallRows sums, as (b, k, d, measures...): call_rollup with the agents' profiles, or
// the coarsest campaign rollups that answer — whole UTC days ($10 to $11) from the day rollup,
// the 15-minute rows of the rest of the period.
std::string CallRowsSource(const ReportScope& scope, SplitBy split) {
  std::vector<std::string> measures;
  for (const std::string& c : CallProjectionStore::MeasureColumns()) measures.push_back("r." + c);
  const std::string columns =
      absl::StrCat(BucketSql(scope.width, "r.bucket_start"), " AS b, ", KeySql(split),
                   " AS k, r.direction AS d, ", absl::StrJoin(measures, ", "));
  const char* direction = " AND ($9::int = 0 OR r.direction = $9::int)";
  if (!AgentFree(scope, split)) {
    return absl::StrCat("SELECT ", columns,
                        " FROM s, call_rollup r LEFT JOIN agent_profile p ON p.agent_id = r.agent_id",
                        FilterSql("r.bucket_start", true, true), direction);
  }
  auto part = [&](const char* table, const char* range) {
    return absl::StrCat("SELECT ", columns, " FROM s, ", table, " r",
                        FilterSql("r.bucket_start", true, true, false), direction, range);
  };
  constexpr char kDays[] = " AND r.bucket_start >= " TM_PG_MICROS("$10")
                           " AND r.bucket_start < " TM_PG_MICROS("$11");
  constexpr char kBefore[] = " AND r.bucket_start < " TM_PG_MICROS("$10");
  constexpr char kAfter[] = " AND r.bucket_start >= " TM_PG_MICROS("$11");
  return absl::StrCat(part("call_campaign_rollup", kBefore), " UNION ALL ",
                      part("call_campaign_day_rollup", kDays), " UNION ALL ",
                      part("call_campaign_rollup", kAfter));
}

}  // namespace

std::string BucketSql(BucketWidth width, const std::string& column) {
  auto trunc = [&](const char* unit) {
    return absl::StrCat("(date_trunc('", unit, "', ", column, " AT TIME ZONE s.zone) AT TIME ZONE s.zone)");
  };
  switch (width) {
    case BucketWidth::kQuarterHour:
      return column;
    case BucketWidth::kHour:
      return trunc("hour");
    case BucketWidth::kDay:
      return trunc("day");
    case BucketWidth::kWeek:
      return trunc("week");
    case BucketWidth::kMonth:
      return trunc("month");
    case BucketWidth::kTotal:
      return "s.start_at";
  }
  return column;
}

std::vector<CallRow> ReportQueryStore::CallRows(pqxx::work& tx, const ReportScope& scope,
                                                SplitBy split, int direction) const {
  std::vector<std::string> sums;
  for (const std::string& c : CallProjectionStore::MeasureColumns()) {
    sums.push_back(absl::StrCat("sum(", c, ")::bigint"));
  }
  std::vector<std::string> params = ScopeParams(scope);
  params.push_back(std::to_string(direction));
  if (AgentFree(scope, split)) {
    const auto [first_day, end_of_days] = DayRollupRange(scope);
    params.push_back(std::to_string(ToMicros(first_day)));
    params.push_back(std::to_string(ToMicros(end_of_days)));
  }
  std::string sql = absl::StrCat(kScopeCte, "SELECT ", TM_PG_EPOCH_MICROS("b"), ", k, d, ",
                                 absl::StrJoin(sums, ", "), " FROM (",
                                 CallRowsSource(scope, split),
                                 ") r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  std::vector<CallRow> rows;
  for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params))) {
    CallRow out;
    out.bucket = FromMicros(row[0].as<int64_t>());
    out.key = row[1].as<std::string>();
    out.direction = row[2].as<int>();
    int column = 3;
    out.measures.Zip(CallMeasures{}, [&](int64_t& field, int64_t) {
      field = row[column++].as<int64_t>();
    });
    rows.push_back(std::move(out));
  }
  return rows;
}

std::vector<AgentTimeRow> ReportQueryStore::AgentTime(pqxx::work& tx, const ReportScope& scope,
                                                      SplitBy split) const {
  if (split == SplitBy::kCampaign || split == SplitBy::kQueue || split == SplitBy::kVariant) {
    return {};  // agent time belongs to no campaign, queue or variant
  }
  std::string sql = absl::StrCat(
      kScopeCte, "SELECT ", TM_PG_EPOCH_MICROS("b"),
      ", k, state, sum(duration_ms)::bigint FROM (SELECT ",
      BucketSql(scope.width, "r.bucket_start"), " AS b, ", KeySql(split),
      " AS k, r.state, r.duration_ms FROM s, agent_rollup r"
      " LEFT JOIN agent_profile p ON p.agent_id = r.agent_id",
      FilterSql("r.bucket_start", false, false), ") r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  std::vector<AgentTimeRow> rows;
  for (const auto& row :
       tx.exec_params(sql, pqxx::prepare::make_dynamic_params(ScopeParams(scope)))) {
    TimePoint bucket = FromMicros(row[0].as<int64_t>());
    std::string key = row[1].as<std::string>();
    if (rows.empty() || rows.back().bucket != bucket || rows.back().key != key) {
      rows.push_back({bucket, key, {}});
    }
    rows.back().state_ms[static_cast<AgentState>(row[2].as<int>())] = row[3].as<int64_t>();
  }
  return rows;
}

std::map<std::pair<TimePoint, std::string>, double> ReportQueryStore::AgentRevenue(
    pqxx::work& tx, const ReportScope& scope, std::string& currency) const {
  // Cancelled orders (state 3) bring no revenue.
  std::string sql = absl::StrCat(
      kScopeCte, "SELECT ", TM_PG_EPOCH_MICROS("b"),
      ", agent_id, sum(total)::float8, max(currency_code) FROM (SELECT ",
      BucketSql(scope.width, "date_bin('15 minutes', r.create_time, 'epoch')"),
      " AS b, r.* FROM s, order_fact r LEFT JOIN agent_profile p ON p.agent_id = r.agent_id",
      FilterSql("r.create_time", true, false), " AND r.state <> 3) o GROUP BY 1, 2");
  std::map<std::pair<TimePoint, std::string>, double> revenue;
  for (const auto& row :
       tx.exec_params(sql, pqxx::prepare::make_dynamic_params(ScopeParams(scope)))) {
    revenue[{FromMicros(row[0].as<int64_t>()), row[1].as<std::string>()}] = row[2].as<double>();
    currency = row[3].as<std::string>();
  }
  return revenue;
}

std::map<std::string, std::string> ReportQueryStore::AgentNames(pqxx::work& tx) const {
  std::map<std::string, std::string> names;
  for (const auto& row : tx.exec("SELECT agent_id, display_name FROM agent_profile")) {
    names.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  }
  return names;
}

std::map<std::string, std::string> ReportQueryStore::AgentGroups(pqxx::work& tx) const {
  std::map<std::string, std::string> groups;
  for (const auto& row : tx.exec("SELECT agent_id, group_id FROM agent_profile")) {
    groups.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  }
  return groups;
}

}  // namespace tmk::reporting
