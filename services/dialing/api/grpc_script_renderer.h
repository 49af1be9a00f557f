#pragma once
// ScriptRenderer over gRPC: CampaignsService.RenderScript at a configured address (this process's
// own in the single-process install), with the agent's credential and a deadline, so a slow
// campaigns never holds a desktop stream's worker for long.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "services/dialing/api/script_renderer.h"
#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"

namespace tmk::dialing {

class GrpcScriptRenderer final : public ScriptRenderer {
 public:
  explicit GrpcScriptRenderer(const std::string& address,
                              std::chrono::milliseconds deadline = std::chrono::seconds(5));

  absl::StatusOr<telemarketing::campaigns::v1::RenderedScript> Render(
      const auth::Principal& on_behalf_of, const std::string& campaign_id,
      const std::string& customer_id) override;

 private:
  std::unique_ptr<telemarketing::campaigns::v1::CampaignsService::Stub> stub_;
  std::chrono::milliseconds deadline_;
};

}  // namespace tmk::dialing
