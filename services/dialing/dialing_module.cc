#include "services/dialing/dialing_module.h"

#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_api.h"
#include "services/dialing/api/agent_desktop_service.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/dialing_service.h"
#include "services/dialing/api/session_api.h"

namespace tmk::dialing {

std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace {

// Dialing so far: the agent roster and sessions (R19); the rest of issue 5 lands on this module.
class DialingModule final : public server::ServiceModule {
 public:
  explicit DialingModule(const server::ModuleContext& context)
      : runtime_(context, "dialing", Migrations()),
        hlc_(context.clock, context.region),
        events_(context.region, context.clock, hlc_),
        sessions_(context.clock, events_),
        roster_api_(runtime_, events_),
        session_api_(runtime_, sessions_),
        dialing_(runtime_, roster_api_, session_api_),
        desktop_(runtime_, session_api_) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&dialing_, &desktop_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::dialing::v1::DialingService::service_full_name(),
            telemarketing::dialing::v1::AgentDesktopService::service_full_name()};
  }
  absl::Status Start() override { return runtime_.Start(); }
  void Stop() override { runtime_.Stop(); }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  HybridLogicalClock hlc_;
  AgentEvents events_;
  AgentSessions sessions_;
  AgentApi roster_api_;
  SessionApi session_api_;
  DialingService dialing_;
  AgentDesktopService desktop_;
};

}  // namespace

void RegisterDialing(server::ModuleCatalog& catalog) {
  catalog.Add("dialing", [](const server::ModuleContext& context) {
    return std::make_unique<DialingModule>(context);
  });
}

}  // namespace tmk::dialing
