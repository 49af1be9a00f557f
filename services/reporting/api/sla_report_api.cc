// GetSlaReport (R26): the rollups of the scope summed per bucket and dimension, with the measures
// computed by the domain formulas; occupancy from the agents' time where the dimension has agents.
#include <map>

#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/reporting/api/report_api.h"
#include "services/reporting/api/report_request.h"
#include "services/reporting/domain/report_formulas.h"
#include "google/protobuf/util/time_util.h"

namespace tmk::reporting {
namespace {

SplitBy SplitOf(rv1::SlaDimension d) {
  switch (d) {
    case rv1::SLA_DIMENSION_CAMPAIGN:
      return SplitBy::kCampaign;
    case rv1::SLA_DIMENSION_AGENT_GROUP:
      return SplitBy::kAgentGroup;
    case rv1::SLA_DIMENSION_AGENT:
      return SplitBy::kAgent;
    case rv1::SLA_DIMENSION_QUEUE:
      return SplitBy::kQueue;
    case rv1::SLA_DIMENSION_REGION:
      return SplitBy::kRegion;
    default:
      return SplitBy::kNone;
  }
}

google::protobuf::Duration ToDuration(Millis ms) {
  return google::protobuf::util::TimeUtil::MillisecondsToDuration(ms.count());
}

Millis StateMs(const AgentTimeRow& row, AgentState state) {
  auto it = row.state_ms.find(state);
  return Millis(it == row.state_ms.end() ? 0 : it->second);
}

double OccupancyOf(const AgentTimeRow& t) {
  Millis busy = StateMs(t, AgentState::kOnCall) + StateMs(t, AgentState::kWrapUp) +
                StateMs(t, AgentState::kReserved);
  Millis logged_in = busy + StateMs(t, AgentState::kReady) + StateMs(t, AgentState::kPaused);
  return Occupancy(busy, logged_in, StateMs(t, AgentState::kPaused));
}

void Fill(rv1::SlaRow& row, const CallMeasures& m, size_t sl_index, int threshold_seconds) {
  row.set_calls_offered(m.offered);
  row.set_calls_handled(m.handled);
  row.set_calls_abandoned(m.abandoned);
  row.set_abandon_rate(AbandonRate(m));
  *row.mutable_average_handle_time() = ToDuration(AverageHandleTime(m));
  *row.mutable_average_wait_time() = ToDuration(AverageWaitTime(m));
  *row.mutable_average_transfer_time() = ToDuration(AverageTransferTime(m));
  row.set_calls_transferred(m.transferred);
  row.set_service_level(ServiceLevel(m, sl_index));
  row.mutable_service_level_threshold()->set_seconds(threshold_seconds);
  row.set_contact_rate(ContactRate(m));
  row.set_dial_attempts(m.dial_attempts);
  row.set_contacts(m.contacts);
  *row.mutable_average_talk_time() = ToDuration(MeanMillis(m.talk_ms, m.handle_count));
  *row.mutable_average_wrap_up_time() = ToDuration(MeanMillis(m.wrap_ms, m.handle_count));
}

}  // namespace

absl::Status ReportApi::GetSlaReport(const auth::Principal& who,
                                     const rv1::GetSlaReportRequest& request,
                                     rv1::GetSlaReportResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = AuthorizeReport(who, region, request.filter(), false, "read SLA reports");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  std::optional<ReportScope> scope =
      ToScope(request.period(), request.filter(), region, "period", violations);
  if (!rv1::SlaDimension_IsValid(request.dimension())) violations.Add("dimension", "not an SlaDimension");
  if (!telemarketing::common::v1::CallDirection_IsValid(request.direction())) {
    violations.Add("direction", "not a CallDirection");
  }
  int threshold = 20;
  if (request.has_service_level_threshold()) {
    threshold = static_cast<int>(request.service_level_threshold().seconds());
    if (request.service_level_threshold().nanos() != 0 ||
        !ServiceLevelIndex(std::chrono::seconds(threshold))) {
      violations.Add("service_level_threshold",
                     "one of 5, 10, 15, 20, 30, 45, 60, 90, 120 or 180 seconds (the thresholds the "
                     "rollups count)");
    }
  }
  const int limit = grpcx::PageLimit(request.page_size(), violations);
  std::optional<size_t> offset = PageOffset(request.page_token(), "sla", violations);
  if (!violations.empty()) return violations.ToStatus();
  const size_t sl_index = *ServiceLevelIndex(std::chrono::seconds(threshold));
  const SplitBy split = SplitOf(request.dimension());

  std::vector<CallRow> calls;
  std::vector<AgentTimeRow> agent_time;
  std::vector<AgentTimeRow> total_time;
  std::map<std::string, std::string> names;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) {
    calls = queries_.CallRows(tx, *scope, split, request.direction());
    agent_time = queries_.AgentTime(tx, *scope, split);
    ReportScope whole = *scope;
    whole.width = BucketWidth::kTotal;
    total_time = queries_.AgentTime(tx, whole, SplitBy::kNone);
    if (split == SplitBy::kAgent) names = queries_.AgentNames(tx);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  std::map<std::pair<TimePoint, std::string>, double> occupancy;
  for (const AgentTimeRow& t : agent_time) occupancy[{t.bucket, t.key}] = OccupancyOf(t);
  CallMeasures total;
  for (size_t i = 0; i < calls.size(); ++i) {
    total += calls[i].measures;
    if (i < *offset || i >= *offset + limit) continue;
    rv1::SlaRow& row = *response.add_rows();
    *row.mutable_bucket_start() = grpcx::ToProtoTime(calls[i].bucket);
    row.set_dimension_key(calls[i].key);
    if (auto name = names.find(calls[i].key); name != names.end()) {
      row.set_dimension_label(name->second);
    }
    row.set_direction(static_cast<telemarketing::common::v1::CallDirection>(calls[i].direction));
    Fill(row, calls[i].measures, sl_index, threshold);
    if (auto occ = occupancy.find({calls[i].bucket, calls[i].key}); occ != occupancy.end()) {
      row.set_occupancy(occ->second);
    }
  }
  rv1::SlaRow& whole = *response.mutable_total();
  *whole.mutable_bucket_start() = grpcx::ToProtoTime(scope->start);
  whole.set_direction(request.direction());
  Fill(whole, total, sl_index, threshold);
  if (!total_time.empty()) whole.set_occupancy(OccupancyOf(total_time.front()));
  response.set_next_page_token(NextOffsetToken("sla", *offset + limit, calls.size()));
  return absl::OkStatus();
}

}  // namespace tmk::reporting
