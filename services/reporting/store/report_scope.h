#pragma once
// The slice of the rollups a report reads (R26-R28): a period of whole 15-minute buckets, the
// bucket width to sum them into, and the filter. Plain values; the api layer fills them from the
// request after validating it.
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/reporting/domain/report_bucket.h"

namespace tmk::reporting {

// What rows are split by besides the bucket (SLA dimensions; agents for assessments).
enum class SplitBy { kNone, kCampaign, kAgentGroup, kAgent, kQueue, kRegion, kVariant };

struct ReportScope {
  TimePoint start;  // inclusive, on a bucket boundary
  TimePoint end;    // exclusive, on a bucket boundary
  BucketWidth width = BucketWidth::kTotal;
  std::string time_zone = "UTC";
  std::vector<std::string> campaign_ids;
  std::vector<std::string> agent_group_ids;
  std::vector<std::string> agent_ids;
  std::vector<std::string> queue_ids;
  std::vector<std::string> region_ids;
};

}  // namespace tmk::reporting
