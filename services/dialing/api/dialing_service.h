#pragma once
// The supervisor's and administrator's side of dialing over gRPC (R11, R12, R17-R20, R29): the
// agent roster, the agents' sessions, leads, callbacks and the hopper's status, calls and orders,
// the campaigns' dialing runtime. Every RPC authenticates, runs its handler on a worker (never on
// a gRPC thread) and maps its status through the common runtime. The region's compliance
// settings (R20) are ComplianceSettingsApi's.
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_api.h"
#include "services/dialing/api/call_api.h"
#include "services/dialing/api/callback_api.h"
#include "services/dialing/api/campaign_runtime_api.h"
#include "services/dialing/api/compliance_settings_api.h"
#include "services/dialing/api/inbound_queue_api.h"
#include "services/dialing/api/lead_api.h"
#include "services/dialing/api/order_cancel_api.h"
#include "services/dialing/api/session_api.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"

namespace tmk::dialing {

namespace v1 = telemarketing::dialing::v1;

class DialingService final : public telemarketing::dialing::v1::DialingService::CallbackService {
 public:
  DialingService(server::ServiceRuntime& runtime, AgentApi& roster, SessionApi& sessions,
                 LeadApi& leads, CallbackApi& callbacks, CallApi& calls,
                 CampaignRuntimeApi& campaign_runtimes, OrderCancelApi& order_cancels,
                 InboundQueueApi& queues, ComplianceSettingsApi& compliance)
      : runtime_(runtime), roster_(roster), sessions_(sessions), leads_(leads),
        callbacks_(callbacks), calls_(calls), campaign_runtimes_(campaign_runtimes),
        order_cancels_(order_cancels), queues_(queues), compliance_(compliance) {}

  grpc::ServerUnaryReactor* CreateAgent(grpc::CallbackServerContext* context,
                                       const v1::CreateAgentRequest* request,
                                       v1::CreateAgentResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::CreateAgent, request, response);
  }
  grpc::ServerUnaryReactor* GetAgent(grpc::CallbackServerContext* context,
                                       const v1::GetAgentRequest* request,
                                       v1::GetAgentResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::GetAgent, request, response);
  }
  grpc::ServerUnaryReactor* ListAgents(grpc::CallbackServerContext* context,
                                       const v1::ListAgentsRequest* request,
                                       v1::ListAgentsResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::ListAgents, request, response);
  }
  grpc::ServerUnaryReactor* UpdateAgent(grpc::CallbackServerContext* context,
                                       const v1::UpdateAgentRequest* request,
                                       v1::UpdateAgentResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::UpdateAgent, request, response);
  }
  grpc::ServerUnaryReactor* CreateAgentGroup(grpc::CallbackServerContext* context,
                                       const v1::CreateAgentGroupRequest* request,
                                       v1::CreateAgentGroupResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::CreateAgentGroup,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetAgentGroup(grpc::CallbackServerContext* context,
                                       const v1::GetAgentGroupRequest* request,
                                       v1::GetAgentGroupResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::GetAgentGroup, request, response);
  }
  grpc::ServerUnaryReactor* ListAgentGroups(grpc::CallbackServerContext* context,
                                       const v1::ListAgentGroupsRequest* request,
                                       v1::ListAgentGroupsResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::ListAgentGroups,
                                     request, response);
  }
  grpc::ServerUnaryReactor* UpdateAgentGroup(grpc::CallbackServerContext* context,
                                       const v1::UpdateAgentGroupRequest* request,
                                       v1::UpdateAgentGroupResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::UpdateAgentGroup,
                                     request, response);
  }
  grpc::ServerUnaryReactor* DeleteAgentGroup(grpc::CallbackServerContext* context,
                                       const v1::DeleteAgentGroupRequest* request,
                                       v1::DeleteAgentGroupResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::DeleteAgentGroup,
                                     request, response);
  }
  grpc::ServerUnaryReactor* CreateSkill(grpc::CallbackServerContext* context,
                                       const v1::CreateSkillRequest* request,
                                       v1::CreateSkillResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::CreateSkill, request, response);
  }
  grpc::ServerUnaryReactor* GetSkill(grpc::CallbackServerContext* context,
                                       const v1::GetSkillRequest* request,
                                       v1::GetSkillResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::GetSkill, request, response);
  }
  grpc::ServerUnaryReactor* ListSkills(grpc::CallbackServerContext* context,
                                       const v1::ListSkillsRequest* request,
                                       v1::ListSkillsResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::ListSkills, request, response);
  }
  grpc::ServerUnaryReactor* UpdateSkill(grpc::CallbackServerContext* context,
                                       const v1::UpdateSkillRequest* request,
                                       v1::UpdateSkillResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::UpdateSkill, request, response);
  }
  grpc::ServerUnaryReactor* DeleteSkill(grpc::CallbackServerContext* context,
                                       const v1::DeleteSkillRequest* request,
                                       v1::DeleteSkillResponse* response) override {
    return runtime_.calls().Delegate(context, roster_, &AgentApi::DeleteSkill, request, response);
  }
  grpc::ServerUnaryReactor* GetAgentSession(grpc::CallbackServerContext* context,
                                       const v1::GetAgentSessionRequest* request,
                                       v1::GetAgentSessionResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::GetAgentSession,
                                     request, response);
  }
  grpc::ServerUnaryReactor* ListAgentSessions(grpc::CallbackServerContext* context,
                                       const v1::ListAgentSessionsRequest* request,
                                       v1::ListAgentSessionsResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::ListAgentSessions,
                                     request, response);
  }
  grpc::ServerUnaryReactor* AssignAgentSession(grpc::CallbackServerContext* context,
                                       const v1::AssignAgentSessionRequest* request,
                                       v1::AssignAgentSessionResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::AssignAgentSession,
                                     request, response);
  }
  grpc::ServerUnaryReactor* ForceLogout(grpc::CallbackServerContext* context,
                                       const v1::ForceLogoutRequest* request,
                                       v1::ForceLogoutResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::ForceLogout,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetLead(grpc::CallbackServerContext* context,
                                       const v1::GetLeadRequest* request,
                                       v1::GetLeadResponse* response) override {
    return runtime_.calls().Delegate(context, leads_, &LeadApi::GetLead, request, response);
  }
  grpc::ServerUnaryReactor* ListLeads(grpc::CallbackServerContext* context,
                                       const v1::ListLeadsRequest* request,
                                       v1::ListLeadsResponse* response) override {
    return runtime_.calls().Delegate(context, leads_, &LeadApi::ListLeads, request, response);
  }
  grpc::ServerUnaryReactor* UpdateLead(grpc::CallbackServerContext* context,
                                       const v1::UpdateLeadRequest* request,
                                       v1::UpdateLeadResponse* response) override {
    return runtime_.calls().Delegate(context, leads_, &LeadApi::UpdateLead, request, response);
  }
  grpc::ServerUnaryReactor* LoadLeads(grpc::CallbackServerContext* context,
                                       const v1::LoadLeadsRequest* request,
                                       v1::LoadLeadsResponse* response) override {
    return runtime_.calls().Delegate(context, leads_, &LeadApi::LoadLeads, request, response);
  }
  grpc::ServerUnaryReactor* GetHopperStatus(grpc::CallbackServerContext* context,
                                       const v1::GetHopperStatusRequest* request,
                                       v1::GetHopperStatusResponse* response) override {
    return runtime_.calls().Delegate(context, leads_, &LeadApi::GetHopperStatus, request, response);
  }
  grpc::ServerUnaryReactor* CreateCallback(grpc::CallbackServerContext* context,
                                       const v1::CreateCallbackRequest* request,
                                       v1::CreateCallbackResponse* response) override {
    return runtime_.calls().Delegate(context, callbacks_, &CallbackApi::CreateCallback, request, response);
  }
  grpc::ServerUnaryReactor* GetCallback(grpc::CallbackServerContext* context,
                                       const v1::GetCallbackRequest* request,
                                       v1::GetCallbackResponse* response) override {
    return runtime_.calls().Delegate(context, callbacks_, &CallbackApi::GetCallback, request, response);
  }
  grpc::ServerUnaryReactor* ListCallbacks(grpc::CallbackServerContext* context,
                                       const v1::ListCallbacksRequest* request,
                                       v1::ListCallbacksResponse* response) override {
    return runtime_.calls().Delegate(context, callbacks_, &CallbackApi::ListCallbacks, request, response);
  }
  grpc::ServerUnaryReactor* UpdateCallback(grpc::CallbackServerContext* context,
                                       const v1::UpdateCallbackRequest* request,
                                       v1::UpdateCallbackResponse* response) override {
    return runtime_.calls().Delegate(context, callbacks_, &CallbackApi::UpdateCallback, request, response);
  }
  grpc::ServerUnaryReactor* CancelCallback(grpc::CallbackServerContext* context,
                                       const v1::CancelCallbackRequest* request,
                                       v1::CancelCallbackResponse* response) override {
    return runtime_.calls().Delegate(context, callbacks_, &CallbackApi::CancelCallback, request, response);
  }

  grpc::ServerUnaryReactor* GetCall(grpc::CallbackServerContext* context,
                                    const v1::GetCallRequest* request,
                                    v1::GetCallResponse* response) override {
    return runtime_.calls().Delegate(context, calls_, &CallApi::GetCall, request, response);
  }
  grpc::ServerUnaryReactor* ListCalls(grpc::CallbackServerContext* context,
                                      const v1::ListCallsRequest* request,
                                      v1::ListCallsResponse* response) override {
    return runtime_.calls().Delegate(context, calls_, &CallApi::ListCalls, request, response);
  }
  grpc::ServerUnaryReactor* GetOrder(grpc::CallbackServerContext* context,
                                     const v1::GetOrderRequest* request,
                                     v1::GetOrderResponse* response) override {
    return runtime_.calls().Delegate(context, calls_, &CallApi::GetOrder, request, response);
  }
  grpc::ServerUnaryReactor* ListOrders(grpc::CallbackServerContext* context,
                                       const v1::ListOrdersRequest* request,
                                       v1::ListOrdersResponse* response) override {
    return runtime_.calls().Delegate(context, calls_, &CallApi::ListOrders, request, response);
  }
  grpc::ServerUnaryReactor* CancelOrder(grpc::CallbackServerContext* context,
                                        const v1::CancelOrderRequest* request,
                                        v1::CancelOrderResponse* response) override {
    return runtime_.calls().Delegate(context, order_cancels_, &OrderCancelApi::CancelOrder,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetCampaignRuntime(grpc::CallbackServerContext* context,
                                               const v1::GetCampaignRuntimeRequest* request,
                                               v1::GetCampaignRuntimeResponse* response) override {
    return runtime_.calls().Delegate(context, campaign_runtimes_,
                                     &CampaignRuntimeApi::GetCampaignRuntime, request, response);
  }
  grpc::ServerUnaryReactor* ListCampaignRuntimes(
      grpc::CallbackServerContext* context, const v1::ListCampaignRuntimesRequest* request,
      v1::ListCampaignRuntimesResponse* response) override {
    return runtime_.calls().Delegate(context, campaign_runtimes_,
                                     &CampaignRuntimeApi::ListCampaignRuntimes, request, response);
  }
  grpc::ServerUnaryReactor* UpdateCampaignRuntime(
      grpc::CallbackServerContext* context, const v1::UpdateCampaignRuntimeRequest* request,
      v1::UpdateCampaignRuntimeResponse* response) override {
    return runtime_.calls().Delegate(context, campaign_runtimes_,
                                     &CampaignRuntimeApi::UpdateCampaignRuntime, request, response);
  }
  grpc::ServerUnaryReactor* StartDialing(grpc::CallbackServerContext* context,
                                         const v1::StartDialingRequest* request,
                                         v1::StartDialingResponse* response) override {
    return runtime_.calls().Delegate(context, campaign_runtimes_,
                                     &CampaignRuntimeApi::StartDialing, request, response);
  }
  grpc::ServerUnaryReactor* StopDialing(grpc::CallbackServerContext* context,
                                        const v1::StopDialingRequest* request,
                                        v1::StopDialingResponse* response) override {
    return runtime_.calls().Delegate(context, campaign_runtimes_,
                                     &CampaignRuntimeApi::StopDialing, request, response);
  }
  // Inbound queues (R18).
  grpc::ServerUnaryReactor* CreateInboundQueue(grpc::CallbackServerContext* context,
                                               const v1::CreateInboundQueueRequest* request,
                                               v1::CreateInboundQueueResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::CreateInboundQueue,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetInboundQueue(grpc::CallbackServerContext* context,
                                            const v1::GetInboundQueueRequest* request,
                                            v1::GetInboundQueueResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::GetInboundQueue,
                                     request, response);
  }
  grpc::ServerUnaryReactor* ListInboundQueues(grpc::CallbackServerContext* context,
                                              const v1::ListInboundQueuesRequest* request,
                                              v1::ListInboundQueuesResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::ListInboundQueues,
                                     request, response);
  }
  grpc::ServerUnaryReactor* UpdateInboundQueue(grpc::CallbackServerContext* context,
                                               const v1::UpdateInboundQueueRequest* request,
                                               v1::UpdateInboundQueueResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::UpdateInboundQueue,
                                     request, response);
  }
  grpc::ServerUnaryReactor* DeleteInboundQueue(grpc::CallbackServerContext* context,
                                               const v1::DeleteInboundQueueRequest* request,
                                               v1::DeleteInboundQueueResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::DeleteInboundQueue,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetQueueStatus(grpc::CallbackServerContext* context,
                                           const v1::GetQueueStatusRequest* request,
                                           v1::GetQueueStatusResponse* response) override {
    return runtime_.calls().Delegate(context, queues_, &InboundQueueApi::GetQueueStatus, request,
                                     response);
  }

  grpc::ServerUnaryReactor* GetComplianceSettings(
      grpc::CallbackServerContext* context, const v1::GetComplianceSettingsRequest* request,
      v1::GetComplianceSettingsResponse* response) override {
    return runtime_.calls().Delegate(context, compliance_,
                                     &ComplianceSettingsApi::GetComplianceSettings, request,
                                     response);
  }
  grpc::ServerUnaryReactor* UpdateComplianceSettings(
      grpc::CallbackServerContext* context, const v1::UpdateComplianceSettingsRequest* request,
      v1::UpdateComplianceSettingsResponse* response) override {
    return runtime_.calls().Delegate(context, compliance_,
                                     &ComplianceSettingsApi::UpdateComplianceSettings, request,
                                     response);
  }

 private:
  server::ServiceRuntime& runtime_;
  AgentApi& roster_;
  SessionApi& sessions_;
  LeadApi& leads_;
  CallbackApi& callbacks_;
  CallApi& calls_;
  CampaignRuntimeApi& campaign_runtimes_;
  OrderCancelApi& order_cancels_;
  InboundQueueApi& queues_;
  ComplianceSettingsApi& compliance_;
};

}  // namespace tmk::dialing
