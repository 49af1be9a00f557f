#pragma once
// Scripts (R9): authoring of versioned scripts, their review (DRAFT -> IN_REVIEW -> APPROVED ->
// RETIRED, four eyes), validation, and rendering for one customer of a campaign (R6 masking, R14
// pilot variants). Rules live in domain/ (script_shape.h, script_validator.h, script_review.h,
// script_renderer.h); SQL in store/script_store.h; here: authorisation, proto ↔ domain, one
// transaction per change with its ScriptVersionChanged event, idempotency by request_id.
#include <cstdint>
#include <functional>
#include <string>

#include "services/campaigns/api/campaign_script_resolver.h"
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/campaigns/api/customer_directory.h"
#include "services/campaigns/domain/script_review.h"
#include "services/campaigns/store/script_store.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

class ScriptApi {
 public:
  ScriptApi(server::ServiceRuntime& runtime, CustomerDirectory& customers,
            CampaignScriptResolver& campaign_scripts, CampaignSnapshots& snapshots);

  absl::Status CreateScript(const auth::Principal& who,
      const telemarketing::campaigns::v1::CreateScriptRequest& request,
      telemarketing::campaigns::v1::CreateScriptResponse& response);
  absl::Status GetScript(const auth::Principal& who,
      const telemarketing::campaigns::v1::GetScriptRequest& request,
      telemarketing::campaigns::v1::GetScriptResponse& response);
  absl::Status ListScripts(const auth::Principal& who,
      const telemarketing::campaigns::v1::ListScriptsRequest& request,
      telemarketing::campaigns::v1::ListScriptsResponse& response);
  absl::Status UpdateScript(const auth::Principal& who,
      const telemarketing::campaigns::v1::UpdateScriptRequest& request,
      telemarketing::campaigns::v1::UpdateScriptResponse& response);
  absl::Status DeleteScript(const auth::Principal& who,
      const telemarketing::campaigns::v1::DeleteScriptRequest& request,
      telemarketing::campaigns::v1::DeleteScriptResponse& response);
  absl::Status CreateScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::CreateScriptVersionRequest& request,
      telemarketing::campaigns::v1::CreateScriptVersionResponse& response);
  absl::Status GetScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::GetScriptVersionRequest& request,
      telemarketing::campaigns::v1::GetScriptVersionResponse& response);
  absl::Status ListScriptVersions(const auth::Principal& who,
      const telemarketing::campaigns::v1::ListScriptVersionsRequest& request,
      telemarketing::campaigns::v1::ListScriptVersionsResponse& response);
  absl::Status UpdateScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::UpdateScriptVersionRequest& request,
      telemarketing::campaigns::v1::UpdateScriptVersionResponse& response);
  absl::Status DeleteScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::DeleteScriptVersionRequest& request,
      telemarketing::campaigns::v1::DeleteScriptVersionResponse& response);
  absl::Status ValidateScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::ValidateScriptVersionRequest& request,
      telemarketing::campaigns::v1::ValidateScriptVersionResponse& response);
  absl::Status SubmitScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::SubmitScriptVersionRequest& request,
      telemarketing::campaigns::v1::SubmitScriptVersionResponse& response);
  absl::Status ApproveScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::ApproveScriptVersionRequest& request,
      telemarketing::campaigns::v1::ApproveScriptVersionResponse& response);
  absl::Status RejectScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::RejectScriptVersionRequest& request,
      telemarketing::campaigns::v1::RejectScriptVersionResponse& response);
  absl::Status RetireScriptVersion(const auth::Principal& who,
      const telemarketing::campaigns::v1::RetireScriptVersionRequest& request,
      telemarketing::campaigns::v1::RetireScriptVersionResponse& response);
  absl::Status RenderScript(const auth::Principal& who,
      const telemarketing::campaigns::v1::RenderScriptRequest& request,
      telemarketing::campaigns::v1::RenderScriptResponse& response);
  absl::Status ListMergeFields(const auth::Principal& who,
      const telemarketing::campaigns::v1::ListMergeFieldsRequest& request,
      telemarketing::campaigns::v1::ListMergeFieldsResponse& response);

 private:
  // One review verb (submit, approve, reject, retire): idempotency, revision check, the domain
  // transition, `record` for the verb's own fields, store and event.
  struct ReviewCall {
    ReviewVerb verb;
    const std::string& script_id;
    int32_t version;
    int64_t revision;  // 0: unchecked
    const std::string& request_id;
    const google::protobuf::Message& request;
    std::function<void(ScriptStore::StoredVersion&, TimePoint now)> record;
  };
  absl::Status Review(const auth::Principal& who, const ReviewCall& call,
                      telemarketing::campaigns::v1::ScriptVersion& out);
  // The ScriptVersionChanged event of a version that entered its state (R9, R31).
  void Announce(pqxx::work& tx, const telemarketing::campaigns::v1::ScriptVersion& version,
                telemarketing::campaigns::v1::ScriptVersionState previous);

  server::ServiceRuntime& runtime_;
  CustomerDirectory& customers_;
  CampaignScriptResolver& campaign_scripts_;
  CampaignSnapshots& snapshots_;
  HybridLogicalClock hlc_;
  ScriptStore scripts_;
};

}  // namespace tmk::campaigns
