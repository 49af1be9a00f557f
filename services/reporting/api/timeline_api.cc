// GetCustomerTimeline (R4): every call and order of one customer across campaigns, newest first.
// Reading a customer's history is recorded like every other read of customer data (R6).
#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/reporting/api/report_api.h"
#include "services/reporting/store/pg_time.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::reporting {
namespace common = telemarketing::common::v1;
namespace ev1 = telemarketing::events::v1;

namespace {

// A page cursor: "<occur micros>|<entry key>" of the last entry answered.
bool IsTimelineKey(const std::string& key) {
  std::vector<std::string> parts = absl::StrSplit(key, absl::MaxSplits('|', 1));
  return parts.size() == 2 && !parts[0].empty() && parts[0].size() < 20 &&
         std::all_of(parts[0].begin(), parts[0].end(),
                     [](unsigned char c) { return std::isdigit(c) || c == '-'; }) &&
         !parts[1].empty();
}

common::Money OrderTotal(const TimelineRow& row) {
  common::Money money;
  money.set_currency_code(row.currency_code);
  std::vector<std::string> parts = absl::StrSplit(row.order_total, absl::MaxSplits('.', 1));
  int64_t units = parts.empty() || parts[0].empty() ? 0 : std::stoll(parts[0]);
  int32_t nanos = 0;
  if (parts.size() == 2) {
    std::string digits = parts[1].substr(0, 9);
    digits.resize(9, '0');
    nanos = std::stoi(digits);
    if (!parts[0].empty() && parts[0][0] == '-') nanos = -nanos;
  }
  money.set_units(units);
  money.set_nanos(nanos);
  return money;
}

}  // namespace

absl::Status ReportApi::GetCustomerTimeline(const auth::Principal& who,
                                            const rv1::GetCustomerTimelineRequest& request,
                                            rv1::GetCustomerTimelineResponse& response) {
  using auth::Role;
  if (absl::Status allowed = auth::Authorize(
          who, {Role::kAgent, Role::kSupervisor, Role::kQaAnalyst, Role::kAdmin},
          runtime_.context().region, "read customer timelines");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", violations);
  TimelineQuery query;
  query.customer_id = request.customer_id();
  query.limit = grpcx::PageLimit(request.page_size(), violations);
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (request.kinds(i) == rv1::TIMELINE_ENTRY_KIND_UNSPECIFIED ||
        !rv1::TimelineEntryKind_IsValid(request.kinds(i))) {
      violations.Add(absl::StrCat("kinds[", i, "]"), "not a TimelineEntryKind");
    }
    query.kinds.push_back(request.kinds(i));
  }
  query.start = request.has_start_time() ? grpcx::FromProtoTime(request.start_time())
                                         : FromMicros(0);
  // No end: 2200-01-01, well inside what a nanosecond TimePoint holds (up to 2262).
  query.end = request.has_end_time() ? grpcx::FromProtoTime(request.end_time())
                                     : FromMicros(int64_t{7'258'118'400} * 1'000'000);
  if (query.end <= query.start) violations.Add("end_time", "must be after start_time");
  std::optional<std::string> cursor = grpcx::PageCursor(
      request.page_token(), "timeline:" + request.customer_id(), violations, IsTimelineKey);
  if (!violations.empty()) return violations.ToStatus();
  if (!cursor->empty()) {
    std::vector<std::string> parts = absl::StrSplit(*cursor, absl::MaxSplits('|', 1));
    query.after_time_micros = parts[0];
    query.after_key = parts[1];
  }

  std::vector<TimelineRow> rows;
  std::map<std::string, std::string> campaign_names;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) {
    rows = timeline_.Page(tx, query);
    for (const TimelineRow& row : rows) {
      if (row.campaign_id.empty() || campaign_names.count(row.campaign_id)) continue;
      ev1::CampaignSnapshot snapshot;
      std::optional<std::string> payload = campaigns_.Snapshot(tx, row.campaign_id);
      campaign_names[row.campaign_id] =
          payload && snapshot.ParseFromString(*payload) ? snapshot.campaign().display_name() : "";
    }
    timeline_.RecordAccess(tx, who.subject, request.customer_id());
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  for (const TimelineRow& row : rows) {
    rv1::TimelineEntry& e = *response.add_entries();
    e.set_kind(static_cast<rv1::TimelineEntryKind>(row.kind));
    *e.mutable_occur_time() = grpcx::ToProtoTime(row.occur_time);
    e.set_campaign_id(row.campaign_id);
    e.set_campaign_display_name(campaign_names[row.campaign_id]);
    e.set_agent_id(row.agent_id);
    e.set_call_id(row.call_id);
    e.set_order_id(row.order_id);
    e.set_direction(static_cast<common::CallDirection>(row.direction));
    e.set_outcome(static_cast<common::CallOutcome>(row.outcome));
    e.set_disposition_code(row.disposition_code);
    e.set_stage(static_cast<common::SaleStage>(row.stage));
    e.set_intention_class(static_cast<common::IntentionClass>(row.intention));
    *e.mutable_talk_duration() = google::protobuf::util::TimeUtil::MillisecondsToDuration(row.talk_ms);
    if (row.kind == rv1::TIMELINE_ENTRY_KIND_ORDER) *e.mutable_order_total() = OrderTotal(row);
    e.set_summary(row.kind == rv1::TIMELINE_ENTRY_KIND_CALL
                      ? absl::StrCat("Call ", common::CallOutcome_Name(e.outcome()).substr(13),
                                     row.disposition_code.empty() ? "" : " / " + row.disposition_code)
                      : row.summary);
    e.set_region_id(row.region_id);
  }
  if (static_cast<int>(rows.size()) == query.limit) {
    response.set_next_page_token(grpcx::NextPageToken(
        "timeline:" + request.customer_id(),
        absl::StrCat(ToMicros(rows.back().occur_time), "|", rows.back().entry_key)));
  }
  return absl::OkStatus();
}

}  // namespace tmk::reporting
