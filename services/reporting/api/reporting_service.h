#pragma once
// ReportingService over gRPC (R4, R26-R29): unary reports run on the worker pool through the
// common runtime; the live floor and exports stream through their own reactors.
#include "services/common/server/service_runtime.h"
#include "services/reporting/api/export_stream.h"
#include "services/reporting/api/live_floor_hub.h"
#include "services/reporting/api/report_api.h"
#include "telemarketing/reporting/v1/reporting_service.grpc.pb.h"

namespace tmk::reporting {

class ReportingService final : public rv1::ReportingService::CallbackService {
 public:
  ReportingService(server::ServiceRuntime& runtime, ReportApi& api, LiveFloorHub& hub)
      : runtime_(runtime), api_(api), hub_(hub) {}

  grpc::ServerUnaryReactor* GetSlaReport(grpc::CallbackServerContext* context,
                                         const rv1::GetSlaReportRequest* request,
                                         rv1::GetSlaReportResponse* response) override {
    return runtime_.calls().Delegate(context, api_, &ReportApi::GetSlaReport, request, response);
  }
  grpc::ServerUnaryReactor* GetCampaignResults(grpc::CallbackServerContext* context,
                                               const rv1::GetCampaignResultsRequest* request,
                                               rv1::GetCampaignResultsResponse* response) override {
    return runtime_.calls().Delegate(context, api_, &ReportApi::GetCampaignResults, request,
                                     response);
  }
  grpc::ServerUnaryReactor* ListAgentAssessments(
      grpc::CallbackServerContext* context, const rv1::ListAgentAssessmentsRequest* request,
      rv1::ListAgentAssessmentsResponse* response) override {
    return runtime_.calls().Delegate(context, api_, &ReportApi::ListAgentAssessments, request,
                                     response);
  }
  grpc::ServerUnaryReactor* GetCustomerTimeline(grpc::CallbackServerContext* context,
                                                const rv1::GetCustomerTimelineRequest* request,
                                                rv1::GetCustomerTimelineResponse* response) override {
    return runtime_.calls().Delegate(context, api_, &ReportApi::GetCustomerTimeline, request,
                                     response);
  }
  grpc::ServerUnaryReactor* ReconcileEvents(grpc::CallbackServerContext* context,
                                            const rv1::ReconcileEventsRequest* request,
                                            rv1::ReconcileEventsResponse* response) override {
    return runtime_.calls().Delegate(context, api_, &ReportApi::ReconcileEvents, request,
                                     response);
  }
  grpc::ServerWriteReactor<rv1::StreamLiveFloorResponse>* StreamLiveFloor(
      grpc::CallbackServerContext* context, const rv1::StreamLiveFloorRequest* request) override;
  grpc::ServerWriteReactor<rv1::ExportReportResponse>* ExportReport(
      grpc::CallbackServerContext* context, const rv1::ExportReportRequest* request) override {
    return new ExportStream(runtime_.calls(), runtime_.executor(), api_, context, request);
  }

 private:
  server::ServiceRuntime& runtime_;
  ReportApi& api_;
  LiveFloorHub& hub_;
};

}  // namespace tmk::reporting
