#include "services/reporting/api/export_stream.h"

#include "services/common/grpc/status_mapping.h"
#include "services/common/log/logger.h"
#include "services/reporting/api/report_export.h"

namespace tmk::reporting {

ExportStream::ExportStream(grpcx::UnaryCalls& calls, grpcx::BlockingExecutor& executor,
                           ReportApi& api, grpc::CallbackServerContext* context,
                           const rv1::ExportReportRequest* request)
    : domain_(calls.error_domain()) {
  absl::StatusOr<auth::Principal> who = calls.Authenticate(*context);
  if (!who.ok()) {
    Finish(grpcx::ToGrpcStatus(who.status(), domain_));
    return;
  }
  bool queued = executor.TrySubmit([this, &api, request, who = *std::move(who)] {
    CsvWriter csv;
    absl::Status status;
    try {
      status = ExportReport(api, who, *request, csv);
    } catch (const std::exception& e) {
      log::Error("export threw", {{"error", e.what()}});
      status = absl::InternalError(e.what());
    }
    if (!status.ok()) {
      Finish(grpcx::ToGrpcStatus(status, domain_));
      return;
    }
    chunks_ = csv.TakeChunks();
    WriteNext();
  });
  if (!queued) {
    Finish(grpcx::ToGrpcStatus(absl::ResourceExhaustedError("server busy; retry later"), domain_));
  }
}

void ExportStream::WriteNext() {
  if (next_ >= chunks_.size()) {
    Finish(grpc::Status::OK);
    return;
  }
  current_.set_csv_chunk(std::move(chunks_[next_].bytes));
  current_.set_row_count(chunks_[next_].rows);
  ++next_;
  StartWrite(&current_);
}

void ExportStream::OnWriteDone(bool ok) {
  if (!ok) {
    Finish(grpc::Status::CANCELLED);
    return;
  }
  WriteNext();
}

}  // namespace tmk::reporting
