#pragma once
// The agent's side of dialing over gRPC (R9, R11-R13, R19): log in, change state, log out, take
// the desktop feed, dial previews, dial by hand (R17 manual mode), hang up and transfer, wrap up
// calls. Cross-sell on inbound calls (R18): OpenCrossSell.
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_call_api.h"
#include "services/dialing/api/cross_sell_api.h"
#include "services/dialing/api/desktop_call_api.h"
#include "services/dialing/api/desktop_stream.h"
#include "services/dialing/api/manual_dial_api.h"
#include "services/dialing/api/session_api.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"

namespace tmk::dialing {

namespace v1 = telemarketing::dialing::v1;

class AgentDesktopService final
    : public telemarketing::dialing::v1::AgentDesktopService::CallbackService {
 public:
  AgentDesktopService(server::ServiceRuntime& runtime, SessionApi& sessions,
                      DesktopCallApi& calls, DesktopStreams& streams, AgentCallApi& agent_calls,
                      CrossSellApi& cross_sells, ManualDialApi& manual_dials)
      : runtime_(runtime), sessions_(sessions), calls_(calls), streams_(streams),
        agent_calls_(agent_calls), cross_sells_(cross_sells), manual_dials_(manual_dials) {}

  grpc::ServerWriteReactor<v1::StreamDesktopResponse>* StreamDesktop(
      grpc::CallbackServerContext* context, const v1::StreamDesktopRequest* request) override {
    return OpenDesktopStream(streams_, runtime_.calls().Authenticate(*context),
                             runtime_.context().region, runtime_.calls().error_domain(),
                             *request);
  }
  grpc::ServerUnaryReactor* StartSession(grpc::CallbackServerContext* context,
                                       const v1::StartSessionRequest* request,
                                       v1::StartSessionResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::StartSession,
                                     request, response);
  }
  grpc::ServerUnaryReactor* EndSession(grpc::CallbackServerContext* context,
                                       const v1::EndSessionRequest* request,
                                       v1::EndSessionResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::EndSession,
                                     request, response);
  }
  grpc::ServerUnaryReactor* GetSession(grpc::CallbackServerContext* context,
                                       const v1::GetSessionRequest* request,
                                       v1::GetSessionResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::GetSession,
                                     request, response);
  }
  grpc::ServerUnaryReactor* SetAgentState(grpc::CallbackServerContext* context,
                                       const v1::SetAgentStateRequest* request,
                                       v1::SetAgentStateResponse* response) override {
    return runtime_.calls().Delegate(context, sessions_, &SessionApi::SetAgentState,
                                     request, response);
  }

  grpc::ServerUnaryReactor* PreviewDial(grpc::CallbackServerContext* context,
                                        const v1::PreviewDialRequest* request,
                                        v1::PreviewDialResponse* response) override {
    return runtime_.calls().Delegate(context, agent_calls_, &AgentCallApi::PreviewDial, request,
                                     response);
  }
  grpc::ServerUnaryReactor* SkipPreview(grpc::CallbackServerContext* context,
                                        const v1::SkipPreviewRequest* request,
                                        v1::SkipPreviewResponse* response) override {
    return runtime_.calls().Delegate(context, agent_calls_, &AgentCallApi::SkipPreview, request,
                                     response);
  }
  grpc::ServerUnaryReactor* ManualDial(grpc::CallbackServerContext* context,
                                       const v1::ManualDialRequest* request,
                                       v1::ManualDialResponse* response) override {
    return runtime_.calls().Delegate(context, manual_dials_, &ManualDialApi::ManualDial, request,
                                     response);
  }
  grpc::ServerUnaryReactor* HangUpCall(grpc::CallbackServerContext* context,
                                       const v1::HangUpCallRequest* request,
                                       v1::HangUpCallResponse* response) override {
    return runtime_.calls().Delegate(context, agent_calls_, &AgentCallApi::HangUpCall, request,
                                     response);
  }
  grpc::ServerUnaryReactor* TransferCall(grpc::CallbackServerContext* context,
                                         const v1::TransferCallRequest* request,
                                         v1::TransferCallResponse* response) override {
    return runtime_.calls().Delegate(context, agent_calls_, &AgentCallApi::TransferCall, request,
                                     response);
  }
  grpc::ServerUnaryReactor* OpenCrossSell(grpc::CallbackServerContext* context,
                                          const v1::OpenCrossSellRequest* request,
                                          v1::OpenCrossSellResponse* response) override {
    return runtime_.calls().Delegate(context, cross_sells_, &CrossSellApi::OpenCrossSell, request,
                                     response);
  }

  grpc::ServerUnaryReactor* SubmitDisposition(grpc::CallbackServerContext* context,
                                              const v1::SubmitDispositionRequest* request,
                                              v1::SubmitDispositionResponse* response) override {
    return runtime_.calls().Delegate(context, calls_, &DesktopCallApi::SubmitDisposition,
                                     request, response);
  }

 private:
  server::ServiceRuntime& runtime_;
  SessionApi& sessions_;
  DesktopCallApi& calls_;
  DesktopStreams& streams_;
  AgentCallApi& agent_calls_;
  CrossSellApi& cross_sells_;
  ManualDialApi& manual_dials_;
};

}  // namespace tmk::dialing
