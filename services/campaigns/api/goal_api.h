#pragma once
// Goals (R15): targets per campaign, stage, agent or agent group, grounded in measured rates.
// Rules live in domain/goal_rules.h, SQL in store/goal_store.h; every change republishes the
// campaign's snapshot (which carries its goals) in the same transaction.
#include "services/campaigns/api/campaign_snapshots.h"
#include "services/campaigns/store/campaign_store.h"
#include "services/campaigns/store/goal_store.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "telemarketing/campaigns/v1/campaigns_service.pb.h"

namespace tmk::campaigns {

class GoalApi {
 public:
  GoalApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots);

  absl::Status CreateGoal(const auth::Principal& who,
                          const telemarketing::campaigns::v1::CreateGoalRequest& request,
                          telemarketing::campaigns::v1::CreateGoalResponse& response);
  absl::Status GetGoal(const auth::Principal& who,
                       const telemarketing::campaigns::v1::GetGoalRequest& request,
                       telemarketing::campaigns::v1::GetGoalResponse& response);
  absl::Status ListGoals(const auth::Principal& who,
                         const telemarketing::campaigns::v1::ListGoalsRequest& request,
                         telemarketing::campaigns::v1::ListGoalsResponse& response);
  absl::Status UpdateGoal(const auth::Principal& who,
                          const telemarketing::campaigns::v1::UpdateGoalRequest& request,
                          telemarketing::campaigns::v1::UpdateGoalResponse& response);
  absl::Status DeleteGoal(const auth::Principal& who,
                          const telemarketing::campaigns::v1::DeleteGoalRequest& request,
                          telemarketing::campaigns::v1::DeleteGoalResponse& response);

 private:
  absl::Status AuthorizeWrite(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who) const;
  // The goal's campaign, locked so its snapshots are published in commit order; NOT_FOUND, or
  // FAILED_PRECONDITION (CAMPAIGN_ARCHIVED) for a read-only campaign.
  absl::StatusOr<telemarketing::campaigns::v1::Campaign> LockCampaign(
      pqxx::work& tx, const std::string& campaign_id) const;

  server::ServiceRuntime& runtime_;
  CampaignSnapshots& snapshots_;
  GoalStore goals_;
  CampaignStore campaigns_;
};

}  // namespace tmk::campaigns
