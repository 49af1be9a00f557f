#pragma once
// Scripts (R9): authoring of versioned scripts, their review (DRAFT -> IN_REVIEW -> APPROVED ->
// RETIRED, four eyes), validation, and rendering for one customer of a campaign (R6 masking, R14
// pilot variants). Rules live in domain/ (script_shape.h, script_validator.h, script_review.h,
// script_renderer.h); SQL in store/script_store.h; here: authorisation, proto ↔ domain, one
// transaction per change with its ScriptVersionChanged event, idempotency by request_id.
// The handlers are split by concern: script_api.cc (scripts, and what every handler shares),
// script_version_api.cc, script_review_api.cc, script_render_api.cc.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/campaigns/api/campaign_script_resolver.h"
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/contacts/client/customer_directory.h"
#include "services/campaigns/domain/script_review.h"
#include "services/campaigns/store/script_store.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/core/status_details.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

// The contacts port lives with contacts' client library, shared with dialing.
using contacts_client::CustomerDirectory;

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
  // ---- What the handler files share; defined in script_api.cc.

  // Supervisors and admins write and review scripts; QA analysts (who score script accuracy,
  // R23) and integrators read everything; agents read what was approved and have it rendered.
  static constexpr auth::RoleSet kAuthors{auth::Role::kSupervisor, auth::Role::kAdmin};
  static constexpr auth::RoleSet kReaders{auth::Role::kSupervisor, auth::Role::kAdmin,
                                          auth::Role::kQaAnalyst, auth::Role::kIntegrator};
  static constexpr auth::RoleSet kApprovedReaders{auth::Role::kAgent, auth::Role::kSupervisor,
                                                  auth::Role::kAdmin, auth::Role::kQaAnalyst,
                                                  auth::Role::kIntegrator};
  static constexpr auth::RoleSet kRenderers{auth::Role::kAgent, auth::Role::kSupervisor,
                                            auth::Role::kAdmin};
  absl::Status Authorize(const auth::Principal& who, auth::RoleSet roles,
                         std::string_view action) const;
  // Only what was reviewed (APPROVED or RETIRED) reaches anyone outside kReaders.
  static bool SeesApprovedOnly(const auth::Principal& who);
  static bool IsApprovedContent(telemarketing::campaigns::v1::ScriptVersionState state);

  // Request checks, each adding its violations under the fields it names.
  // script_id and version of a request naming one version.
  static void CheckVersionName(const std::string& script_id, int32_t version,
                               Violations& violations);
  static void CheckVersion(int32_t version, const std::string& field, Violations& violations);
  // Descriptions, comments and reasons.
  static void CheckNote(const std::string& text, const std::string& field,
                        Violations& violations);
  // The script metadata `fields` (as named in an update mask) of `script`.
  static void CheckScriptFields(const telemarketing::campaigns::v1::Script& script,
                                const std::vector<std::string>& fields, Violations& violations);
  // The update_mask paths, each one of `editable`; empty when the mask names none.
  static std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask,
                                            const std::vector<std::string>& editable,
                                            Violations& violations);
  // A page token's kind names the listing and its filter (`scope`), so a token replayed against
  // another filter is refused rather than misread.
  static std::string ListKind(const char* listing, const google::protobuf::Message& scope);

  // A mutation's request_id (AIP-155), recorded under `verb` with the request's fingerprint: a
  // retry answers like the first call; the id reused for another request is ALREADY_EXISTS.
  struct RequestKey {
    const char* verb;
    const std::string& request_id;
    std::string fingerprint;
  };
  // The answer to a retry of an earlier call with `key`: the result as it stands now in `out`
  // (none for deletions); std::nullopt for a first call.
  std::optional<absl::Status> Replay(pqxx::work& tx, const RequestKey& key) const;
  std::optional<absl::Status> Replay(pqxx::work& tx, const RequestKey& key,
                                     telemarketing::campaigns::v1::Script& out) const;
  std::optional<absl::Status> Replay(pqxx::work& tx, const RequestKey& key,
                                     telemarketing::campaigns::v1::ScriptVersion& out) const;
  // Records a first call under `key`; nothing without a request_id.
  void Remember(pqxx::work& tx, const RequestKey& key, const std::string& script_id,
                int32_t version = 0) const;

  // NOT_FOUND when absent.
  absl::StatusOr<telemarketing::campaigns::v1::Script> LoadScript(
      pqxx::work& tx, const std::string& script_id) const;
  absl::StatusOr<ScriptStore::StoredVersion> LoadVersion(pqxx::work& tx,
                                                         const std::string& script_id,
                                                         int32_t version) const;
  // Locked until the transaction ends, for a change asked at `revision` (0: unchecked);
  // NOT_FOUND when absent, ABORTED (REVISION_MISMATCH) when the revision is stale.
  absl::StatusOr<telemarketing::campaigns::v1::Script> LockScript(
      pqxx::work& tx, const std::string& script_id, int64_t revision) const;
  absl::StatusOr<ScriptStore::StoredVersion> LockVersion(pqxx::work& tx,
                                                         const std::string& script_id,
                                                         int32_t version,
                                                         int64_t revision) const;

  // The ScriptVersionChanged event of a version that entered its state, or of a deleted draft
  // (R9, R31), and the snapshots of the campaigns that embed the version.
  void Announce(pqxx::work& tx, const telemarketing::campaigns::v1::ScriptVersion& version,
                telemarketing::campaigns::v1::ScriptVersionState previous, bool deleted = false);

  // ---- script_review_api.cc: one review verb (submit, approve, reject, retire): idempotency,
  // revision check, the domain transition, `record` for the verb's own fields, store and event.
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

  server::ServiceRuntime& runtime_;
  CustomerDirectory& customers_;
  CampaignScriptResolver& campaign_scripts_;
  CampaignSnapshots& snapshots_;
  HybridLogicalClock hlc_;
  ScriptStore scripts_;
};

}  // namespace tmk::campaigns
