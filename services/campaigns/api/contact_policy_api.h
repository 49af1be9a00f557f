#pragma once
// The region's contact policy (R10, R20): legal calling hours, public holidays, frequency caps and
// the windows new campaigns default to. Rules live in domain/contact_policy.h, SQL in
// store/contact_policy_store.h; every change publishes a ContactPolicySnapshot on tm.campaigns.v1
// (key "contact-policy:<region>") for dialing, in the same transaction.
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/campaigns/store/campaign_store.h"
#include "services/campaigns/store/contact_policy_store.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

class ContactPolicyApi {
 public:
  // `snapshots` is not needed today (a policy is not part of campaign snapshots); the constructor
  // keeps the shape every handler class of the service has.
  ContactPolicyApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots);

  absl::Status GetContactPolicy(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::GetContactPolicyRequest& request,
      telemarketing::campaigns::v1::GetContactPolicyResponse& response);
  // FAILED_PRECONDITION (CAMPAIGN_WINDOWS_OUTSIDE_LEGAL_BOUNDS) naming the live campaigns whose
  // windows the new bounds would exclude.
  absl::Status UpdateContactPolicy(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::UpdateContactPolicyRequest& request,
      telemarketing::campaigns::v1::UpdateContactPolicyResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  HybridLogicalClock hlc_;
  ContactPolicyStore policies_;
  CampaignStore campaigns_;
};

}  // namespace tmk::campaigns
