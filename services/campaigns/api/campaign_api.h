#pragma once
// Campaigns (R7, R14, R16): create, read, list, field-masked update, delete, the lifecycle verbs
// with their readiness checks, and forecasts. Rules live in domain/ (campaign_lifecycle.h,
// campaign_readiness.h, pilot_plan.h) and campaign_rules_check.h; SQL in
// store/campaign_store.h; here: authorisation, proto ↔ domain, the transaction with its
// CampaignSnapshot event, and idempotency by request_id. It also tells script rendering which
// script version a customer of a campaign sees (pilot variants, R14).
#include <functional>
#include <string>

#include "services/campaigns/api/campaign_script_resolver.h"
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/contacts/client/contact_lists.h"
#include "services/campaigns/domain/campaign_lifecycle.h"
#include "services/campaigns/domain/campaign_readiness.h"
#include "services/campaigns/store/campaign_store.h"
#include "services/campaigns/store/contact_policy_store.h"
#include "services/campaigns/store/disposition_set_store.h"
#include "services/campaigns/store/script_store.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

// The contacts port lives with contacts' client library, shared with dialing.
using contacts_client::ContactLists;

class CampaignApi final : public CampaignScriptResolver {
 public:
  CampaignApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots, ContactLists& lists);

  absl::Status CreateCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::CreateCampaignRequest& request,
      telemarketing::campaigns::v1::CreateCampaignResponse& response);
  absl::Status GetCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::GetCampaignRequest& request,
      telemarketing::campaigns::v1::GetCampaignResponse& response);
  absl::Status ListCampaigns(const auth::Principal& who,
      const telemarketing::campaigns::v1::ListCampaignsRequest& request,
      telemarketing::campaigns::v1::ListCampaignsResponse& response);
  absl::Status UpdateCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::UpdateCampaignRequest& request,
      telemarketing::campaigns::v1::UpdateCampaignResponse& response);
  absl::Status DeleteCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::DeleteCampaignRequest& request,
      telemarketing::campaigns::v1::DeleteCampaignResponse& response);
  absl::Status CheckCampaignReadiness(const auth::Principal& who,
      const telemarketing::campaigns::v1::CheckCampaignReadinessRequest& request,
      telemarketing::campaigns::v1::CheckCampaignReadinessResponse& response);
  absl::Status StartPilot(const auth::Principal& who,
      const telemarketing::campaigns::v1::StartPilotRequest& request,
      telemarketing::campaigns::v1::StartPilotResponse& response);
  absl::Status ActivateCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::ActivateCampaignRequest& request,
      telemarketing::campaigns::v1::ActivateCampaignResponse& response);
  absl::Status PauseCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::PauseCampaignRequest& request,
      telemarketing::campaigns::v1::PauseCampaignResponse& response);
  absl::Status ResumeCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::ResumeCampaignRequest& request,
      telemarketing::campaigns::v1::ResumeCampaignResponse& response);
  absl::Status CompleteCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::CompleteCampaignRequest& request,
      telemarketing::campaigns::v1::CompleteCampaignResponse& response);
  absl::Status ArchiveCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::ArchiveCampaignRequest& request,
      telemarketing::campaigns::v1::ArchiveCampaignResponse& response);
  absl::Status ForecastCampaign(const auth::Principal& who,
      const telemarketing::campaigns::v1::ForecastCampaignRequest& request,
      telemarketing::campaigns::v1::ForecastCampaignResponse& response);

  absl::StatusOr<CampaignScriptRef> ScriptFor(std::string_view campaign_id,
                                              std::string_view customer_id) override;

 private:
  // One lifecycle verb: idempotency, revision check, readiness (for PILOT and ACTIVE), the
  // domain transition, `adjust` for the verb's own fields, store and snapshot.
  struct VerbCall {
    CampaignVerb verb;
    const std::string& campaign_id;
    int64_t revision;
    const std::string& request_id;
    std::string fingerprint;
    std::function<absl::Status(telemarketing::campaigns::v1::Campaign&)> adjust;
    std::string reason = {};  // kept as Campaign.state_reason
  };
  absl::Status ChangeState(const auth::Principal& who, const VerbCall& call,
                           telemarketing::campaigns::v1::Campaign& out);
  // Readiness facts that need the database; the target list's existence comes from contacts.
  ReadinessFacts GatherFacts(pqxx::work& tx, const telemarketing::campaigns::v1::Campaign& campaign,
                             bool target_list_exists) const;
  // Asks contacts whether the campaign's target list exists (false when none is set).
  absl::StatusOr<bool> TargetListExists(const auth::Principal& who,
                                        const std::string& target_list_id);
  absl::Status AuthorizeWrite(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who) const;

  server::ServiceRuntime& runtime_;
  CampaignSnapshots& snapshots_;
  ContactLists& lists_;
  CampaignStore campaigns_;
  ContactPolicyStore policies_;
  DispositionSetStore disposition_sets_;
  ScriptStore scripts_;
};

}  // namespace tmk::campaigns
