#include "services/reporting/store/live_figures_store.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/reporting/store/call_projection_store.h"
#include "services/reporting/store/pg_time.h"

namespace tmk::reporting {

LiveFigures LiveFiguresStore::Figures(pqxx::work& tx, TimePoint day_start, TimePoint now) const {
  std::vector<std::string> sums;
  for (const std::string& c : CallProjectionStore::MeasureColumns()) {
    sums.push_back(absl::StrCat("sum(", c, ")::bigint"));
  }
  // Grouping sets: campaigns (30 days and today) and queues (today) in one scan of the rollups.
  LiveFigures out;
  const TimePoint month_ago = now - std::chrono::hours(24 * 30);
  for (const auto& row : tx.exec_params(
           absl::StrCat("SELECT campaign_id, queue_id, today, ", absl::StrJoin(sums, ", "),
                        " FROM (SELECT *, bucket_start >= " TM_PG_MICROS("$1"),
                        " AS today FROM call_rollup WHERE bucket_start >= " TM_PG_MICROS("$2")
                        ") r GROUP BY GROUPING SETS ((campaign_id, today), (queue_id, today))"),
           ToMicros(day_start), ToMicros(month_ago))) {
    CallMeasures m;
    int column = 3;
    m.Zip(CallMeasures{}, [&](int64_t& field, int64_t) { field = row[column++].as<int64_t>(); });
    const bool today = row[2].as<bool>();
    if (!row[0].is_null()) {
      out.campaign_30d[row[0].as<std::string>()] += m;
      if (today) out.campaign_today[row[0].as<std::string>()] += m;
    } else if (!row[1].is_null() && today && !row[1].as<std::string>().empty()) {
      out.queue_today[row[1].as<std::string>()] += m;
    }
  }
  return out;
}

std::vector<OpenCall> LiveFiguresStore::OpenCalls(pqxx::work& tx) const {
  std::vector<OpenCall> calls;
  for (const auto& row : tx.exec("SELECT call_id, region_id, campaign_id, queue_id, agent_id,"
                                 " connected, " TM_PG_EPOCH_MICROS("since") " FROM call_open")) {
    calls.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                     row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<bool>(),
                     FromMicros(row[6].as<int64_t>())});
  }
  return calls;
}

}  // namespace tmk::reporting
