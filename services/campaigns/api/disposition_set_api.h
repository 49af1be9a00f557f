#pragma once
// Disposition sets (R11, R12, R13, R17): the wrap-up codes of one or more campaigns. Rules live in
// domain/disposition_rules.h, SQL in store/disposition_set_store.h; a change republishes the
// snapshot of every campaign using the set, in the same transaction.
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/campaigns/store/campaign_store.h"
#include "services/campaigns/store/disposition_set_store.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

class DispositionSetApi {
 public:
  DispositionSetApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots);

  absl::Status CreateDispositionSet(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::CreateDispositionSetRequest& request,
      telemarketing::campaigns::v1::CreateDispositionSetResponse& response);
  absl::Status GetDispositionSet(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::GetDispositionSetRequest& request,
      telemarketing::campaigns::v1::GetDispositionSetResponse& response);
  absl::Status ListDispositionSets(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::ListDispositionSetsRequest& request,
      telemarketing::campaigns::v1::ListDispositionSetsResponse& response);
  // Codes are never removed or redefined, only retired (domain/disposition_rules.h).
  absl::Status UpdateDispositionSet(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::UpdateDispositionSetRequest& request,
      telemarketing::campaigns::v1::UpdateDispositionSetResponse& response);
  // FAILED_PRECONDITION (DISPOSITION_SET_IN_USE) while a non-archived campaign uses the set.
  absl::Status DeleteDispositionSet(
      const auth::Principal& who,
      const telemarketing::campaigns::v1::DeleteDispositionSetRequest& request,
      telemarketing::campaigns::v1::DeleteDispositionSetResponse& response);

 private:
  absl::Status AuthorizeWrite(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who) const;

  server::ServiceRuntime& runtime_;
  CampaignSnapshots& snapshots_;
  DispositionSetStore sets_;
  CampaignStore campaigns_;
};

}  // namespace tmk::campaigns
