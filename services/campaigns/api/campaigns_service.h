#pragma once
// The campaigns gRPC adapter (R7, R9-R16, R20): every RPC authenticates, runs its handler on a
// worker (never on a gRPC thread) and maps its status through the common runtime; the handlers
// live in one class per area (campaigns, scripts, disposition sets, goals, contact policy).
#include "services/campaigns/api/campaign_api.h"
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/campaigns/api/contact_policy_api.h"
#include "services/campaigns/api/disposition_set_api.h"
#include "services/campaigns/api/goal_api.h"
#include "services/campaigns/api/script_api.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"

namespace tmk::campaigns {

namespace v1 = telemarketing::campaigns::v1;

class CampaignsService final : public v1::CampaignsService::CallbackService {
 public:
  CampaignsService(server::ServiceRuntime& runtime, CustomerDirectory& customers,
                   ContactLists& lists)
      : runtime_(runtime),
        hlc_(runtime.context().clock, runtime.context().region),
        snapshots_(runtime.context().region, runtime.context().clock, hlc_),
        campaigns_(runtime, snapshots_, lists),
        scripts_(runtime, customers, campaigns_, snapshots_),
        disposition_sets_(runtime, snapshots_),
        goals_(runtime, snapshots_),
        contact_policy_(runtime, snapshots_) {}

  grpc::ServerUnaryReactor* CreateCampaign(grpc::CallbackServerContext* context,
                                       const v1::CreateCampaignRequest* request,
                                       v1::CreateCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::CreateCampaign, request, response);
  }
  grpc::ServerUnaryReactor* GetCampaign(grpc::CallbackServerContext* context,
                                       const v1::GetCampaignRequest* request,
                                       v1::GetCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::GetCampaign, request, response);
  }
  grpc::ServerUnaryReactor* ListCampaigns(grpc::CallbackServerContext* context,
                                       const v1::ListCampaignsRequest* request,
                                       v1::ListCampaignsResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::ListCampaigns, request, response);
  }
  grpc::ServerUnaryReactor* UpdateCampaign(grpc::CallbackServerContext* context,
                                       const v1::UpdateCampaignRequest* request,
                                       v1::UpdateCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::UpdateCampaign, request, response);
  }
  grpc::ServerUnaryReactor* DeleteCampaign(grpc::CallbackServerContext* context,
                                       const v1::DeleteCampaignRequest* request,
                                       v1::DeleteCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::DeleteCampaign, request, response);
  }
  grpc::ServerUnaryReactor* CheckCampaignReadiness(grpc::CallbackServerContext* context,
                                       const v1::CheckCampaignReadinessRequest* request,
                                       v1::CheckCampaignReadinessResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::CheckCampaignReadiness, request, response);
  }
  grpc::ServerUnaryReactor* StartPilot(grpc::CallbackServerContext* context,
                                       const v1::StartPilotRequest* request,
                                       v1::StartPilotResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::StartPilot, request, response);
  }
  grpc::ServerUnaryReactor* ActivateCampaign(grpc::CallbackServerContext* context,
                                       const v1::ActivateCampaignRequest* request,
                                       v1::ActivateCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::ActivateCampaign, request, response);
  }
  grpc::ServerUnaryReactor* PauseCampaign(grpc::CallbackServerContext* context,
                                       const v1::PauseCampaignRequest* request,
                                       v1::PauseCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::PauseCampaign, request, response);
  }
  grpc::ServerUnaryReactor* ResumeCampaign(grpc::CallbackServerContext* context,
                                       const v1::ResumeCampaignRequest* request,
                                       v1::ResumeCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::ResumeCampaign, request, response);
  }
  grpc::ServerUnaryReactor* CompleteCampaign(grpc::CallbackServerContext* context,
                                       const v1::CompleteCampaignRequest* request,
                                       v1::CompleteCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::CompleteCampaign, request, response);
  }
  grpc::ServerUnaryReactor* ArchiveCampaign(grpc::CallbackServerContext* context,
                                       const v1::ArchiveCampaignRequest* request,
                                       v1::ArchiveCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::ArchiveCampaign, request, response);
  }
  grpc::ServerUnaryReactor* ForecastCampaign(grpc::CallbackServerContext* context,
                                       const v1::ForecastCampaignRequest* request,
                                       v1::ForecastCampaignResponse* response) override {
    return runtime_.calls().Delegate(context, campaigns_, &CampaignApi::ForecastCampaign, request, response);
  }
  grpc::ServerUnaryReactor* CreateScript(grpc::CallbackServerContext* context,
                                       const v1::CreateScriptRequest* request,
                                       v1::CreateScriptResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::CreateScript, request, response);
  }
  grpc::ServerUnaryReactor* GetScript(grpc::CallbackServerContext* context,
                                       const v1::GetScriptRequest* request,
                                       v1::GetScriptResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::GetScript, request, response);
  }
  grpc::ServerUnaryReactor* ListScripts(grpc::CallbackServerContext* context,
                                       const v1::ListScriptsRequest* request,
                                       v1::ListScriptsResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::ListScripts, request, response);
  }
  grpc::ServerUnaryReactor* UpdateScript(grpc::CallbackServerContext* context,
                                       const v1::UpdateScriptRequest* request,
                                       v1::UpdateScriptResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::UpdateScript, request, response);
  }
  grpc::ServerUnaryReactor* DeleteScript(grpc::CallbackServerContext* context,
                                       const v1::DeleteScriptRequest* request,
                                       v1::DeleteScriptResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::DeleteScript, request, response);
  }
  grpc::ServerUnaryReactor* CreateScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::CreateScriptVersionRequest* request,
                                       v1::CreateScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::CreateScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* GetScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::GetScriptVersionRequest* request,
                                       v1::GetScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::GetScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* ListScriptVersions(grpc::CallbackServerContext* context,
                                       const v1::ListScriptVersionsRequest* request,
                                       v1::ListScriptVersionsResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::ListScriptVersions, request, response);
  }
  grpc::ServerUnaryReactor* UpdateScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::UpdateScriptVersionRequest* request,
                                       v1::UpdateScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::UpdateScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* DeleteScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::DeleteScriptVersionRequest* request,
                                       v1::DeleteScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::DeleteScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* ValidateScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::ValidateScriptVersionRequest* request,
                                       v1::ValidateScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::ValidateScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* SubmitScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::SubmitScriptVersionRequest* request,
                                       v1::SubmitScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::SubmitScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* ApproveScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::ApproveScriptVersionRequest* request,
                                       v1::ApproveScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::ApproveScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* RejectScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::RejectScriptVersionRequest* request,
                                       v1::RejectScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::RejectScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* RetireScriptVersion(grpc::CallbackServerContext* context,
                                       const v1::RetireScriptVersionRequest* request,
                                       v1::RetireScriptVersionResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::RetireScriptVersion, request, response);
  }
  grpc::ServerUnaryReactor* RenderScript(grpc::CallbackServerContext* context,
                                       const v1::RenderScriptRequest* request,
                                       v1::RenderScriptResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::RenderScript, request, response);
  }
  grpc::ServerUnaryReactor* ListMergeFields(grpc::CallbackServerContext* context,
                                       const v1::ListMergeFieldsRequest* request,
                                       v1::ListMergeFieldsResponse* response) override {
    return runtime_.calls().Delegate(context, scripts_, &ScriptApi::ListMergeFields, request, response);
  }
  grpc::ServerUnaryReactor* CreateDispositionSet(grpc::CallbackServerContext* context,
                                       const v1::CreateDispositionSetRequest* request,
                                       v1::CreateDispositionSetResponse* response) override {
    return runtime_.calls().Delegate(context, disposition_sets_, &DispositionSetApi::CreateDispositionSet, request, response);
  }
  grpc::ServerUnaryReactor* GetDispositionSet(grpc::CallbackServerContext* context,
                                       const v1::GetDispositionSetRequest* request,
                                       v1::GetDispositionSetResponse* response) override {
    return runtime_.calls().Delegate(context, disposition_sets_, &DispositionSetApi::GetDispositionSet, request, response);
  }
  grpc::ServerUnaryReactor* ListDispositionSets(grpc::CallbackServerContext* context,
                                       const v1::ListDispositionSetsRequest* request,
                                       v1::ListDispositionSetsResponse* response) override {
    return runtime_.calls().Delegate(context, disposition_sets_, &DispositionSetApi::ListDispositionSets, request, response);
  }
  grpc::ServerUnaryReactor* UpdateDispositionSet(grpc::CallbackServerContext* context,
                                       const v1::UpdateDispositionSetRequest* request,
                                       v1::UpdateDispositionSetResponse* response) override {
    return runtime_.calls().Delegate(context, disposition_sets_, &DispositionSetApi::UpdateDispositionSet, request, response);
  }
  grpc::ServerUnaryReactor* DeleteDispositionSet(grpc::CallbackServerContext* context,
                                       const v1::DeleteDispositionSetRequest* request,
                                       v1::DeleteDispositionSetResponse* response) override {
    return runtime_.calls().Delegate(context, disposition_sets_, &DispositionSetApi::DeleteDispositionSet, request, response);
  }
  grpc::ServerUnaryReactor* CreateGoal(grpc::CallbackServerContext* context,
                                       const v1::CreateGoalRequest* request,
                                       v1::CreateGoalResponse* response) override {
    return runtime_.calls().Delegate(context, goals_, &GoalApi::CreateGoal, request, response);
  }
  grpc::ServerUnaryReactor* GetGoal(grpc::CallbackServerContext* context,
                                       const v1::GetGoalRequest* request,
                                       v1::GetGoalResponse* response) override {
    return runtime_.calls().Delegate(context, goals_, &GoalApi::GetGoal, request, response);
  }
  grpc::ServerUnaryReactor* ListGoals(grpc::CallbackServerContext* context,
                                       const v1::ListGoalsRequest* request,
                                       v1::ListGoalsResponse* response) override {
    return runtime_.calls().Delegate(context, goals_, &GoalApi::ListGoals, request, response);
  }
  grpc::ServerUnaryReactor* UpdateGoal(grpc::CallbackServerContext* context,
                                       const v1::UpdateGoalRequest* request,
                                       v1::UpdateGoalResponse* response) override {
    return runtime_.calls().Delegate(context, goals_, &GoalApi::UpdateGoal, request, response);
  }
  grpc::ServerUnaryReactor* DeleteGoal(grpc::CallbackServerContext* context,
                                       const v1::DeleteGoalRequest* request,
                                       v1::DeleteGoalResponse* response) override {
    return runtime_.calls().Delegate(context, goals_, &GoalApi::DeleteGoal, request, response);
  }
  grpc::ServerUnaryReactor* GetContactPolicy(grpc::CallbackServerContext* context,
                                       const v1::GetContactPolicyRequest* request,
                                       v1::GetContactPolicyResponse* response) override {
    return runtime_.calls().Delegate(context, contact_policy_, &ContactPolicyApi::GetContactPolicy, request, response);
  }
  grpc::ServerUnaryReactor* UpdateContactPolicy(grpc::CallbackServerContext* context,
                                       const v1::UpdateContactPolicyRequest* request,
                                       v1::UpdateContactPolicyResponse* response) override {
    return runtime_.calls().Delegate(context, contact_policy_, &ContactPolicyApi::UpdateContactPolicy, request, response);
  }

 private:
  server::ServiceRuntime& runtime_;
  // One clock for every campaigns event of this process, so their HLC stamps are ordered.
  HybridLogicalClock hlc_;
  CampaignSnapshots snapshots_;
  CampaignApi campaigns_;
  ScriptApi scripts_;
  DispositionSetApi disposition_sets_;
  GoalApi goals_;
  ContactPolicyApi contact_policy_;
};

}  // namespace tmk::campaigns
