#pragma once
// The unary reports (R4, R26-R28) and reconciliation: validate, read the rollups, compute the
// measures with the domain formulas, answer. Read-only: reporting emits no events.
#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/reporting/store/campaign_projection_store.h"
#include "services/reporting/store/campaign_results_store.h"
#include "services/reporting/store/event_consumption_store.h"
#include "services/reporting/store/report_query_store.h"
#include "services/reporting/store/timeline_store.h"
#include "telemarketing/reporting/v1/reporting_service.pb.h"

namespace tmk::reporting {

namespace rv1 = telemarketing::reporting::v1;

class ReportApi {
 public:
  // `producer_schemas`: the producers whose outbox counts share this database, by the service
  // name in their ce_source (e.g. "dialing" -> schema "dialing").
  ReportApi(server::ServiceRuntime& runtime, std::vector<std::string> producer_schemas)
      : runtime_(runtime), producer_schemas_(std::move(producer_schemas)) {}

  absl::Status GetSlaReport(const auth::Principal& who, const rv1::GetSlaReportRequest& request,
                            rv1::GetSlaReportResponse& response);
  absl::Status GetCampaignResults(const auth::Principal& who,
                                  const rv1::GetCampaignResultsRequest& request,
                                  rv1::GetCampaignResultsResponse& response);
  absl::Status ListAgentAssessments(const auth::Principal& who,
                                    const rv1::ListAgentAssessmentsRequest& request,
                                    rv1::ListAgentAssessmentsResponse& response);
  absl::Status GetCustomerTimeline(const auth::Principal& who,
                                   const rv1::GetCustomerTimelineRequest& request,
                                   rv1::GetCustomerTimelineResponse& response);
  absl::Status ReconcileEvents(const auth::Principal& who,
                               const rv1::ReconcileEventsRequest& request,
                               rv1::ReconcileEventsResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  const std::vector<std::string> producer_schemas_;
  ReportQueryStore queries_;
  CampaignResultsStore results_;
  CampaignProjectionStore campaigns_;
  TimelineStore timeline_;
  EventConsumptionStore consumption_;
};

}  // namespace tmk::reporting
