#pragma once
// Campaigns' RenderScript as dialing needs it (R9): the campaign's script filled with a customer's
// data, rendered on behalf of the agent so campaigns (and contacts behind it) mask as the agent's
// role requires (R6). A port, so the desktop is tested without a campaigns server.
#include <string>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/campaigns/v1/script.pb.h"

namespace tmk::dialing {

class ScriptRenderer {
 public:
  virtual ~ScriptRenderer() = default;
  // UNAVAILABLE when campaigns cannot be reached; its refusals otherwise.
  virtual absl::StatusOr<telemarketing::campaigns::v1::RenderedScript> Render(
      const auth::Principal& on_behalf_of, const std::string& campaign_id,
      const std::string& customer_id) = 0;
};

}  // namespace tmk::dialing
