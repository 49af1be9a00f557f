#pragma once
// The ExportReport stream: the report is read on a worker (never on a gRPC thread), then written
// chunk by chunk, each write waiting for the previous one so a slow client holds back the server.
#include <grpcpp/grpcpp.h>

#include <vector>

#include "services/common/grpc/unary_call.h"
#include "services/reporting/api/csv_writer.h"
#include "services/reporting/api/report_api.h"

namespace tmk::reporting {

class ExportStream final : public grpc::ServerWriteReactor<rv1::ExportReportResponse> {
 public:
  // Starts the export; the reactor deletes itself when gRPC is done with it.
  ExportStream(grpcx::UnaryCalls& calls, grpcx::BlockingExecutor& executor, ReportApi& api,
               grpc::CallbackServerContext* context, const rv1::ExportReportRequest* request);

  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  void WriteNext();

  const std::string domain_;
  std::vector<CsvWriter::Chunk> chunks_;
  size_t next_ = 0;
  rv1::ExportReportResponse current_;
};

}  // namespace tmk::reporting
