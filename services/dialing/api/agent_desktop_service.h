#pragma once
// The agent's side of dialing over gRPC (R19): log in, change state, log out. The desktop stream,
// previews, manual dialing, transfers, cross-selling and wrap-up are not overridden yet, so they
// answer UNIMPLEMENTED until they land (issue 5).
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/session_api.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"

namespace tmk::dialing {

namespace v1 = telemarketing::dialing::v1;

class AgentDesktopService final
    : public telemarketing::dialing::v1::AgentDesktopService::CallbackService {
 public:
  AgentDesktopService(server::ServiceRuntime& runtime, SessionApi& sessions)
      : runtime_(runtime), sessions_(sessions) {}

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

 private:
  server::ServiceRuntime& runtime_;
  SessionApi& sessions_;
};

}  // namespace tmk::dialing
