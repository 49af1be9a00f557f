#include "services/dialing/api/grpc_script_renderer.h"

#include "services/common/grpc/status_mapping.h"

namespace tmk::dialing {
namespace cv1 = telemarketing::campaigns::v1;

GrpcScriptRenderer::GrpcScriptRenderer(const std::string& address,
                                       std::chrono::milliseconds deadline)
    : stub_(cv1::CampaignsService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
      deadline_(deadline) {}

absl::StatusOr<cv1::RenderedScript> GrpcScriptRenderer::Render(
    const auth::Principal& on_behalf_of, const std::string& campaign_id,
    const std::string& customer_id) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  if (!on_behalf_of.credential.empty()) {
    context.AddMetadata("authorization", on_behalf_of.credential);
  }
  cv1::RenderScriptRequest request;
  request.set_campaign_id(campaign_id);
  request.set_customer_id(customer_id);
  cv1::RenderScriptResponse response;
  if (grpc::Status status = stub_->RenderScript(&context, request, &response); !status.ok()) {
    return grpcx::FromPeerStatus(status, "campaigns");
  }
  return std::move(*response.mutable_rendered_script());
}

}  // namespace tmk::dialing
