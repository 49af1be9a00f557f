#pragma once
// What every report request shares (R26-R28): the caller's right to read reports of the regions
// asked, the period aligned to 15-minute buckets, the bucket width and zone, the filter, and
// offset paging over the report's rows. Problems are collected field by field.
#include <optional>
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/core/status_details.h"
#include "services/reporting/store/report_scope.h"
#include "telemarketing/reporting/v1/report_query.pb.h"

namespace tmk::reporting {

// Supervisors and administrators read reports; QA analysts read agent assessments too (R28).
absl::Status AuthorizeReport(const auth::Principal& who, const std::string& server_region,
                             const telemarketing::reporting::v1::ReportFilter& filter,
                             bool agent_assessment, std::string_view action);

// The scope of `period` and `filter`, or none with violations under `field_prefix` ("period").
std::optional<ReportScope> ToScope(const telemarketing::reporting::v1::ReportPeriod& period,
                                   const telemarketing::reporting::v1::ReportFilter& filter,
                                   const std::string& server_region, const std::string& field_prefix,
                                   Violations& violations);

// The first row of the page (an offset into the ordered report rows).
std::optional<size_t> PageOffset(const std::string& page_token, const std::string& kind,
                                 Violations& violations);
std::string NextOffsetToken(const std::string& kind, size_t offset, size_t total);

}  // namespace tmk::reporting
