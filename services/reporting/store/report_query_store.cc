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

std::string CallFilterSql() {
  return " WHERE r.bucket_start >= " TM_PG_MICROS("$1") " AND r.bucket_start < " TM_PG_MICROS(
      "$2") " AND (cardinality($4::text[]) = 0 OR r.campaign_id = ANY($4::text[]))"
             " AND (cardinality($5::text[]) = 0 OR p.group_id = ANY($5::text[]))"
             " AND (cardinality($6::text[]) = 0 OR r.agent_id = ANY($6::text[]))"
             " AND (cardinality($7::text[]) = 0 OR r.queue_id = ANY($7::text[]))"
             " AND (cardinality($8::text[]) = 0 OR r.region_id = ANY($8::text[]))";
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

}  // namespace

std::string BucketSql(BucketWidth width, const std::string& column) {
  auto trunc = [&](const char* unit) {
    return absl::StrCat("(date_trunc('", unit, "', ", column, " AT TIME ZONE $3) AT TIME ZONE $3)");
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
      return TM_PG_MICROS("$1");
  }
  return column;
}

std::vector<CallRow> ReportQueryStore::CallRows(pqxx::work& tx, const ReportScope& scope,
                                                SplitBy split, int direction) const {
  std::vector<std::string> sums;
  for (const std::string& c : CallProjectionStore::MeasureColumns()) {
    sums.push_back(absl::StrCat("sum(r.", c, ")::bigint"));
  }
  std::vector<std::string> params = ScopeParams(scope);
  params.push_back(std::to_string(direction));
  std::string sql = absl::StrCat(
      "SELECT ", TM_PG_EPOCH_MICROS("b"), ", k, d, ", absl::StrJoin(sums, ", "), " FROM (SELECT ",
      BucketSql(scope.width, "r.bucket_start"), " AS b, ", KeySql(split),
      " AS k, r.direction AS d, r.* FROM call_rollup r"
      " LEFT JOIN agent_profile p ON p.agent_id = r.agent_id",
      CallFilterSql(), " AND ($9 = 0 OR r.direction = $9)) r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
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
      "SELECT ", TM_PG_EPOCH_MICROS("b"), ", k, state, sum(duration_ms)::bigint FROM (SELECT ",
      BucketSql(scope.width, "r.bucket_start"), " AS b, ", KeySql(split),
      " AS k, r.state, r.duration_ms FROM agent_rollup r"
      " LEFT JOIN agent_profile p ON p.agent_id = r.agent_id"
      " WHERE r.bucket_start >= " TM_PG_MICROS("$1") " AND r.bucket_start < " TM_PG_MICROS("$2")
      // Campaign and queue filters do not narrow agent time; still bound, so typed here.
      " AND cardinality($4::text[]) >= 0 AND cardinality($7::text[]) >= 0"
      " AND (cardinality($5::text[]) = 0 OR p.group_id = ANY($5::text[]))"
      " AND (cardinality($6::text[]) = 0 OR r.agent_id = ANY($6::text[]))"
      " AND (cardinality($8::text[]) = 0 OR r.region_id = ANY($8::text[]))"
      ") r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
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
  std::string sql = absl::StrCat(
      "SELECT ", TM_PG_EPOCH_MICROS("b"), ", agent_id, sum(total)::float8, max(currency_code)"
      " FROM (SELECT ", BucketSql(scope.width, "date_bin('15 minutes', o.create_time, 'epoch')"),
      " AS b, o.* FROM order_fact o LEFT JOIN agent_profile p ON p.agent_id = o.agent_id"
      " WHERE o.state <> 3 AND o.create_time >= " TM_PG_MICROS("$1")
      " AND o.create_time < " TM_PG_MICROS("$2")
      " AND (cardinality($4::text[]) = 0 OR o.campaign_id = ANY($4::text[]))"
      " AND (cardinality($5::text[]) = 0 OR p.group_id = ANY($5::text[]))"
      " AND (cardinality($6::text[]) = 0 OR o.agent_id = ANY($6::text[]))"
      " AND cardinality($7::text[]) >= 0"
      " AND (cardinality($8::text[]) = 0 OR o.region_id = ANY($8::text[]))"
      ") o GROUP BY 1, 2");
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
