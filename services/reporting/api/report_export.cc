#include "services/reporting/api/report_export.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "telemarketing/common/v1/money.pb.h"

namespace tmk::reporting {
namespace pb = google::protobuf;

namespace {

void Flatten(const pb::Message& message, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& out) {
  const pb::Descriptor* d = message.GetDescriptor();
  const pb::Reflection* r = message.GetReflection();
  const std::string type = d->full_name();
  if (type == "google.protobuf.Timestamp") {
    out.emplace_back(prefix, pb::util::TimeUtil::ToString(
                                 static_cast<const pb::Timestamp&>(message)));
    return;
  }
  if (type == "google.protobuf.Duration") {
    const auto& duration = static_cast<const pb::Duration&>(message);
    out.emplace_back(prefix, absl::StrCat(duration.seconds() + duration.nanos() / 1e9));
    return;
  }
  if (type == telemarketing::common::v1::Money::descriptor()->full_name()) {
    const auto& money = static_cast<const telemarketing::common::v1::Money&>(message);
    out.emplace_back(prefix, absl::StrCat(money.units() + money.nanos() / 1e9));
    out.emplace_back(prefix + "_currency", money.currency_code());
    return;
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated()) continue;  // lists export as their own reports
    const std::string name = prefix.empty() ? f->name() : prefix + "." + f->name();
    switch (f->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        Flatten(r->GetMessage(message, f), name, out);
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM:
        out.emplace_back(name, r->GetEnum(message, f)->name());
        break;
      case pb::FieldDescriptor::CPPTYPE_STRING:
        out.emplace_back(name, r->GetString(message, f));
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        out.emplace_back(name, r->GetBool(message, f) ? "true" : "false");
        break;
      case pb::FieldDescriptor::CPPTYPE_INT32:
        out.emplace_back(name, absl::StrCat(r->GetInt32(message, f)));
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        out.emplace_back(name, absl::StrCat(r->GetInt64(message, f)));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT32:
        out.emplace_back(name, absl::StrCat(r->GetUInt32(message, f)));
        break;
      case pb::FieldDescriptor::CPPTYPE_UINT64:
        out.emplace_back(name, absl::StrCat(r->GetUInt64(message, f)));
        break;
      case pb::FieldDescriptor::CPPTYPE_DOUBLE:
        out.emplace_back(name, absl::StrCat(r->GetDouble(message, f)));
        break;
      case pb::FieldDescriptor::CPPTYPE_FLOAT:
        out.emplace_back(name, absl::StrCat(r->GetFloat(message, f)));
        break;
    }
  }
}

// Writes rows of one message type; the header comes from the first row's (or an empty row's)
// field names.
class RowSink {
 public:
  RowSink(CsvWriter& csv, const pb::Message& prototype, std::vector<std::string> leading)
      : csv_(csv), leading_(std::move(leading)) {
    std::vector<std::pair<std::string, std::string>> cells;
    Flatten(prototype, "", cells);
    std::vector<std::string> header = leading_;
    for (auto& [name, value] : cells) header.push_back(name);
    csv_.Row(header);
  }
  void Write(const pb::Message& row, std::vector<std::string> leading_values = {}) {
    std::vector<std::pair<std::string, std::string>> cells;
    Flatten(row, "", cells);
    for (auto& [name, value] : cells) leading_values.push_back(std::move(value));
    csv_.Row(leading_values);
  }

 private:
  CsvWriter& csv_;
  std::vector<std::string> leading_;
};

template <class Request, class Response, class Row, class Handler, class Rows>
absl::Status ExportPages(Request request, Handler handler, Rows rows, CsvWriter& csv) {
  RowSink sink(csv, Row::default_instance(), {});
  request.set_page_size(1000);
  for (;;) {
    Response response;
    if (absl::Status status = handler(request, response); !status.ok()) return status;
    for (const Row& row : rows(response)) sink.Write(row);
    if (response.next_page_token().empty()) return absl::OkStatus();
    request.set_page_token(response.next_page_token());
  }
}

}  // namespace

absl::Status ExportReport(ReportApi& api, const auth::Principal& who,
                          const rv1::ExportReportRequest& request, CsvWriter& csv) {
  switch (request.report_case()) {
    case rv1::ExportReportRequest::kSlaReport:
      return ExportPages<rv1::GetSlaReportRequest, rv1::GetSlaReportResponse, rv1::SlaRow>(
          request.sla_report(),
          [&](const auto& q, auto& r) { return api.GetSlaReport(who, q, r); },
          [](const rv1::GetSlaReportResponse& r) { return r.rows(); }, csv);
    case rv1::ExportReportRequest::kAgentAssessments:
      return ExportPages<rv1::ListAgentAssessmentsRequest, rv1::ListAgentAssessmentsResponse,
                         rv1::AgentAssessment>(
          request.agent_assessments(),
          [&](const auto& q, auto& r) { return api.ListAgentAssessments(who, q, r); },
          [](const rv1::ListAgentAssessmentsResponse& r) { return r.assessments(); }, csv);
    case rv1::ExportReportRequest::kCustomerTimeline:
      return ExportPages<rv1::GetCustomerTimelineRequest, rv1::GetCustomerTimelineResponse,
                         rv1::TimelineEntry>(
          request.customer_timeline(),
          [&](const auto& q, auto& r) { return api.GetCustomerTimeline(who, q, r); },
          [](const rv1::GetCustomerTimelineResponse& r) { return r.entries(); }, csv);
    case rv1::ExportReportRequest::kCampaignResults: {
      rv1::GetCampaignResultsResponse response;
      if (absl::Status status = api.GetCampaignResults(who, request.campaign_results(), response);
          !status.ok()) {
        return status;
      }
      // One row for the campaign, one per variant: the measures (funnel and lists have their own
      // reports).
      RowSink sink(csv, rv1::CampaignMeasures::default_instance(), {"campaign_id", "variant_id"});
      const rv1::CampaignResults& results = response.results();
      sink.Write(results.totals(), {results.campaign_id(), ""});
      for (const auto& [variant, measures] : results.variants()) {
        sink.Write(measures, {results.campaign_id(), variant});
      }
      return absl::OkStatus();
    }
    case rv1::ExportReportRequest::REPORT_NOT_SET:
      break;
  }
  return InvalidField("report", "required: the request of the report to export");
}

}  // namespace tmk::reporting
