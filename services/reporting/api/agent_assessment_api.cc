// ListAgentAssessments (R28): one row per agent per bucket from the call and agent-time rollups
// and the orders they took; quality and satisfaction stay zero (with zero counts) until QA events
// exist.
#include <map>
#include <set>

#include "google/protobuf/util/time_util.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/reporting/api/report_api.h"
#include "services/reporting/api/report_request.h"
#include "services/reporting/domain/report_formulas.h"

namespace tmk::reporting {
namespace {

google::protobuf::Duration ToDuration(Millis ms) {
  return google::protobuf::util::TimeUtil::MillisecondsToDuration(ms.count());
}

Millis StateMs(const std::map<AgentState, int64_t>& ms, AgentState state) {
  auto it = ms.find(state);
  return Millis(it == ms.end() ? 0 : it->second);
}

}  // namespace

absl::Status ReportApi::ListAgentAssessments(const auth::Principal& who,
                                             const rv1::ListAgentAssessmentsRequest& request,
                                             rv1::ListAgentAssessmentsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          AuthorizeReport(who, region, request.filter(), true, "read agent assessments");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  std::optional<ReportScope> scope =
      ToScope(request.period(), request.filter(), region, "period", violations);
  const int limit = grpcx::PageLimit(request.page_size(), violations);
  std::optional<size_t> offset = PageOffset(request.page_token(), "assessments", violations);
  if (!violations.empty()) return violations.ToStatus();

  std::vector<CallRow> calls;
  std::vector<AgentTimeRow> times;
  std::map<std::pair<TimePoint, std::string>, double> revenue;
  std::map<std::string, std::string> names, groups;
  std::string currency;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) {
    calls = queries_.CallRows(tx, *scope, SplitBy::kAgent, 0);
    times = queries_.AgentTime(tx, *scope, SplitBy::kAgent);
    revenue = queries_.AgentRevenue(tx, *scope, currency);
    names = queries_.AgentNames(tx);
    groups = queries_.AgentGroups(tx);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  // Rows keyed by (bucket, agent): every agent with calls or logged-in time in the bucket.
  using Key = std::pair<TimePoint, std::string>;
  std::map<Key, CallMeasures> by_agent;
  std::map<TimePoint, int64_t> abandons_in_bucket;
  for (const CallRow& row : calls) {
    abandons_in_bucket[row.bucket] += row.measures.abandoned;
    if (!row.key.empty()) by_agent[{row.bucket, row.key}] += row.measures;
  }
  std::map<Key, std::map<AgentState, int64_t>> time_of;
  for (const AgentTimeRow& t : times) {
    if (!t.key.empty()) time_of[{t.bucket, t.key}] = t.state_ms;
  }
  std::set<Key> keys;
  for (const auto& [k, m] : by_agent) keys.insert(k);
  for (const auto& [k, t] : time_of) keys.insert(k);

  size_t index = 0;
  for (const Key& key : keys) {
    if (index++ < *offset) continue;
    if (response.assessments_size() >= limit) break;
    const CallMeasures& m = by_agent[key];
    const auto& t = time_of[key];
    const Millis talk = StateMs(t, AgentState::kOnCall), wrap = StateMs(t, AgentState::kWrapUp),
                 pause = StateMs(t, AgentState::kPaused), ready = StateMs(t, AgentState::kReady),
                 reserved = StateMs(t, AgentState::kReserved);
    const Millis logged_in = talk + wrap + pause + ready + reserved;
    rv1::AgentAssessment& a = *response.add_assessments();
    a.set_agent_id(key.second);
    a.set_agent_display_name(names[key.second]);
    a.set_agent_group_id(groups[key.second]);
    *a.mutable_period_start() = grpcx::ToProtoTime(key.first);
    *a.mutable_period_end() = grpcx::ToProtoTime(
        BucketEnd(key.first, scope->width, scope->time_zone, scope->end));
    *a.mutable_logged_in_time() = ToDuration(logged_in);
    *a.mutable_talk_time() = ToDuration(talk);
    *a.mutable_wrap_up_time() = ToDuration(wrap);
    *a.mutable_pause_time() = ToDuration(pause);
    *a.mutable_ready_time() = ToDuration(ready);
    a.set_calls_handled(m.handled);
    a.set_calls_per_hour(CallsPerHour(m.handled, logged_in));
    *a.mutable_average_handle_time() = ToDuration(AverageHandleTime(m));
    a.set_occupancy(Occupancy(talk + wrap + reserved, logged_in, pause));
    a.set_contacts(m.contacts);
    a.set_orders(m.orders);
    a.set_conversion_rate(Ratio(m.orders, m.contacts));
    const double earned = revenue.count(key) ? revenue[key] : 0;
    a.mutable_revenue()->set_currency_code(currency);
    a.mutable_revenue()->set_units(static_cast<int64_t>(earned));
    a.mutable_revenue()->set_nanos(static_cast<int32_t>((earned - static_cast<int64_t>(earned)) * 1e9));
    a.set_abandons_caused(m.abandons_by_agent);
    a.set_abandon_share(Ratio(m.abandons_by_agent, abandons_in_bucket[key.first]));
  }
  response.set_next_page_token(NextOffsetToken("assessments", *offset + limit, keys.size()));
  return absl::OkStatus();
}

}  // namespace tmk::reporting
