#pragma once
// ExportReport (R26-R28, R4): any report as CSV, header row first, every page of it. Columns are
// the report row's fields by name (nested messages flattened with dots; times RFC 3339, durations
// in seconds, enums by name, money as decimal), so a new report field is exported without an edit
// here.
#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/reporting/api/csv_writer.h"
#include "services/reporting/api/report_api.h"

namespace tmk::reporting {

absl::Status ExportReport(ReportApi& api, const auth::Principal& who,
                          const rv1::ExportReportRequest& request, CsvWriter& csv);

}  // namespace tmk::reporting
