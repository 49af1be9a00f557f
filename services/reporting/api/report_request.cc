#include "services/reporting/api/report_request.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/calendar/local_date_time.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {
namespace rv1 = telemarketing::reporting::v1;
using auth::Role;

namespace {

// A report covers at most about 13 months: beyond that a question is an export of months.
constexpr auto kLongestPeriod = std::chrono::hours(24 * 400);

BucketWidth WidthOf(rv1::Granularity g) {
  switch (g) {
    case rv1::GRANULARITY_15_MINUTES:
      return BucketWidth::kQuarterHour;
    case rv1::GRANULARITY_HOUR:
      return BucketWidth::kHour;
    case rv1::GRANULARITY_DAY:
      return BucketWidth::kDay;
    case rv1::GRANULARITY_WEEK:
      return BucketWidth::kWeek;
    case rv1::GRANULARITY_MONTH:
      return BucketWidth::kMonth;
    default:
      return BucketWidth::kTotal;
  }
}

std::vector<std::string> Ids(const google::protobuf::RepeatedPtrField<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

bool IsOffset(const std::string& key) {
  return !key.empty() && key.size() < 12 &&
         std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

absl::Status AuthorizeReport(const auth::Principal& who, const std::string& server_region,
                             const rv1::ReportFilter& filter, bool agent_assessment,
                             std::string_view action) {
  auth::RoleSet readers{Role::kSupervisor, Role::kAdmin};
  if (agent_assessment) readers.Add(Role::kQaAnalyst);
  if (absl::Status allowed = auth::Authorize(who, readers, server_region, action); !allowed.ok()) {
    return allowed;
  }
  for (const std::string& region : filter.region_ids()) {
    if (!region.empty() && !who.CanAccessRegion(region)) {
      return absl::PermissionDeniedError(
          absl::StrCat(who.subject, " has no access to region '", region, "' to ", std::string(action)));
    }
  }
  return absl::OkStatus();
}

std::optional<ReportScope> ToScope(const rv1::ReportPeriod& period, const rv1::ReportFilter& filter,
                                   const std::string& server_region,
                                   const std::string& field_prefix, Violations& violations) {
  const size_t before = violations.list().size();
  ReportScope scope;
  if (!period.has_start_time()) violations.Add(field_prefix + ".start_time", "required");
  if (!period.has_end_time()) violations.Add(field_prefix + ".end_time", "required");
  if (period.has_start_time() && period.has_end_time()) {
    scope.start = BucketStart(grpcx::FromProtoTime(period.start_time()));
    scope.end = BucketEndAtOrAfter(grpcx::FromProtoTime(period.end_time()));
    if (scope.end <= scope.start) {
      violations.Add(field_prefix + ".end_time", "must be after start_time");
    } else if (scope.end - scope.start > kLongestPeriod) {
      violations.Add(field_prefix + ".end_time", "a report covers at most 400 days");
    }
  }
  if (!rv1::Granularity_IsValid(period.granularity())) {
    violations.Add(field_prefix + ".granularity", "not a Granularity");
  }
  scope.width = WidthOf(period.granularity());
  if (!period.time_zone().empty()) {
    if (!calendar::ResolveTimeZone(period.time_zone(), "")) {
      violations.Add(field_prefix + ".time_zone", "not an IANA time zone, e.g. Asia/Shanghai");
    }
    scope.time_zone = period.time_zone();
  }
  scope.campaign_ids = Ids(filter.campaign_ids());
  scope.agent_group_ids = Ids(filter.agent_group_ids());
  scope.agent_ids = Ids(filter.agent_ids());
  scope.queue_ids = Ids(filter.queue_ids());
  scope.region_ids = Ids(filter.region_ids());
  if (scope.region_ids.empty()) scope.region_ids = {server_region};
  if (violations.list().size() != before) return std::nullopt;
  return scope;
}

std::optional<size_t> PageOffset(const std::string& page_token, const std::string& kind,
                                 Violations& violations) {
  std::optional<std::string> key = grpcx::PageCursor(page_token, kind, violations, IsOffset);
  if (!key) return std::nullopt;
  return key->empty() ? 0 : std::stoul(*key);
}

std::string NextOffsetToken(const std::string& kind, size_t offset, size_t total) {
  return offset >= total ? "" : grpcx::NextPageToken(kind, std::to_string(offset));
}

}  // namespace tmk::reporting
