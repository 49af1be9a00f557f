#include "services/campaigns/api/goal_api.h"

#include <google/protobuf/util/field_mask_util.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "services/campaigns/api/goal_mapping.h"
#include "services/campaigns/api/revise.h"
#include "services/campaigns/api/time_mapping.h"
#include "services/campaigns/domain/goal_rules.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using auth::Role;
using google::protobuf::util::FieldMaskUtil;

namespace {

constexpr char kWhat[] = "goal";

// What UpdateGoal may change: everything but the campaign and the output-only fields.
const std::set<std::string> kEditable = {
    "scope",        "stage",      "agent_id",   "agent_group_id", "metric",       "target_value",
    "target_amount", "period_start", "period_end", "basis_rate",     "basis_source", "note"};

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("goal ", id, " not found"));
}

// Every problem of a goal under "goal": its times, then the domain rules.
Violations CheckGoalMessage(const v1::Goal& goal) {
  Violations v;
  if (goal.has_period_start() && !ToTimePoint(goal.period_start())) {
    v.Add("goal.period_start", "not a valid time");
  }
  if (goal.has_period_end() && !ToTimePoint(goal.period_end())) {
    v.Add("goal.period_end", "not a valid time");
  }
  CheckGoal(ToDomain(goal), "goal", v);
  return v;
}

}  // namespace

GoalApi::GoalApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots)
    : runtime_(runtime), snapshots_(snapshots) {}

// Supervisors and admins set targets; agents see theirs, QA and integrators report on them.
absl::Status GoalApi::AuthorizeWrite(const auth::Principal& who, std::string_view action) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, runtime_.context().region, action);
}

absl::Status GoalApi::AuthorizeRead(const auth::Principal& who) const {
  return auth::Authorize(who, auth::RoleSet::All(), runtime_.context().region, "read goals");
}

absl::StatusOr<v1::Campaign> GoalApi::LockCampaign(pqxx::work& tx,
                                                  const std::string& campaign_id) const {
  std::optional<v1::Campaign> campaign = campaigns_.Find(tx, campaign_id, /*for_update=*/true);
  if (!campaign) return absl::NotFoundError(absl::StrCat("campaign ", campaign_id, " not found"));
  if (campaign->state() == v1::CAMPAIGN_STATE_ARCHIVED) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "campaign ", campaign_id, " is archived: its goals are read-only")),
                      "CAMPAIGN_ARCHIVED");
  }
  return *std::move(campaign);
}

absl::Status GoalApi::CreateGoal(const auth::Principal& who, const v1::CreateGoalRequest& request,
                                 v1::CreateGoalResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create goals"); !allowed.ok()) return allowed;
  Violations v = CheckGoalMessage(request.goal());
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid goal");

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  // Output-only fields are ignored on input (AIP-203).
  v1::Goal goal = request.goal();
  goal.set_goal_id(NewId(clock));
  *goal.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
  *goal.mutable_update_time() = goal.create_time();
  goal.set_revision(1);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = goals_.FindRequest(tx, "create", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Goal> existing = goals_.Find(tx, earlier->goal_id);
        if (!existing) return NotFound(earlier->goal_id);
        *response.mutable_goal() = *std::move(existing);
        return absl::OkStatus();
      }
    }
    absl::StatusOr<v1::Campaign> campaign = LockCampaign(tx, goal.campaign_id());
    if (!campaign.ok()) return campaign.status();
    Violations fit;
    CheckGoalFitsCampaign(ToDomain(goal),
                          {campaign->agent_group_ids().begin(), campaign->agent_group_ids().end()},
                          "goal", fit);
    if (!fit.empty()) return fit.ToStatus("invalid goal");
    goals_.Insert(tx, goal);
    if (!request.request_id().empty()) {
      goals_.SaveRequest(tx, "create", request.request_id(), {goal.goal_id(), fingerprint});
    }
    snapshots_.Publish(tx, goal.campaign_id());
    *response.mutable_goal() = goal;
    return absl::OkStatus();
  });
}

absl::Status GoalApi::GetGoal(const auth::Principal& who, const v1::GetGoalRequest& request,
                              v1::GetGoalResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.goal_id(), "goal_id", kWhat, v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Goal> goal = goals_.Find(tx, request.goal_id());
    if (!goal) return NotFound(request.goal_id());
    *response.mutable_goal() = *std::move(goal);
    return absl::OkStatus();
  });
}

absl::Status GoalApi::ListGoals(const auth::Principal& who, const v1::ListGoalsRequest& request,
                                v1::ListGoalsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  if (!v1::GoalScope_IsValid(request.scope())) v.Add("scope", "unknown goal scope");
  const int limit = grpcx::PageLimit(request.page_size(), v);
  // The token names the listing's filter, so one replayed against another filter is refused.
  v1::ListGoalsRequest scope = request;
  scope.clear_page_size();
  scope.clear_page_token();
  const std::string kind = absl::StrCat("goals:", grpcx::RequestFingerprint(scope).substr(0, 16));
  const std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  const GoalStore::Filter filter{request.campaign_id(), static_cast<int>(request.scope()),
                                 request.agent_id()};
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::Goal> page = goals_.List(tx, filter, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::Goal& goal : page) *response.add_goals() = std::move(goal);
    if (more) {
      response.set_next_page_token(grpcx::NextPageToken(kind, response.goals(limit - 1).goal_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status GoalApi::UpdateGoal(const auth::Principal& who, const v1::UpdateGoalRequest& request,
                                 v1::UpdateGoalResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update goals"); !allowed.ok()) return allowed;
  const v1::Goal& in = request.goal();
  {
    Violations v;
    grpcx::CheckResourceId(in.goal_id(), "goal.goal_id", kWhat, v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
    for (int i = 0; i < request.update_mask().paths_size(); ++i) {
      const std::string& path = request.update_mask().paths(i);
      if (kEditable.count(path) == 0) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              absl::StrCat("'", path.substr(0, 64), "' cannot be changed",
                           path == "campaign_id" ? ": a goal stays with its campaign" : ""));
      }
    }
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = goals_.FindRequest(tx, "update", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Goal> current = goals_.Find(tx, earlier->goal_id);
        if (!current) return NotFound(earlier->goal_id);
        *response.mutable_goal() = *std::move(current);
        return absl::OkStatus();
      }
    }
    std::optional<v1::Goal> unlocked = goals_.Find(tx, in.goal_id());
    if (!unlocked) return NotFound(in.goal_id());
    // Campaign first, then goal: the order every writer of this campaign's snapshot locks in.
    absl::StatusOr<v1::Campaign> campaign = LockCampaign(tx, unlocked->campaign_id());
    if (!campaign.ok()) return campaign.status();
    std::optional<v1::Goal> before = goals_.FindForUpdate(tx, in.goal_id());
    if (!before) return NotFound(in.goal_id());
    if (in.revision() != 0 && in.revision() != before->revision()) {
      return grpcx::RevisionMismatch(in.revision(), before->revision(), kWhat);
    }
    v1::Goal after = *before;
    FieldMaskUtil::MergeOptions replace;
    replace.set_replace_message_fields(true);
    replace.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(in, request.update_mask(), replace, &after);
    Violations v = CheckGoalMessage(after);
    CheckGoalFitsCampaign(ToDomain(after),
                          {campaign->agent_group_ids().begin(), campaign->agent_group_ids().end()},
                          "goal", v);
    if (!v.empty()) return v.ToStatus("invalid goal");
    if (!request.request_id().empty()) {
      goals_.SaveRequest(tx, "update", request.request_id(), {in.goal_id(), fingerprint});
    }
    if (!Revise(*before, after, clock.Now())) {
      *response.mutable_goal() = *std::move(before);
      return absl::OkStatus();
    }
    goals_.Update(tx, after);
    snapshots_.Publish(tx, after.campaign_id());
    *response.mutable_goal() = std::move(after);
    return absl::OkStatus();
  });
}

absl::Status GoalApi::DeleteGoal(const auth::Principal& who, const v1::DeleteGoalRequest& request,
                                 v1::DeleteGoalResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete goals"); !allowed.ok()) return allowed;
  {
    Violations v;
    grpcx::CheckResourceId(request.goal_id(), "goal_id", kWhat, v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (!v.empty()) return v.ToStatus();
  }
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = goals_.FindRequest(tx, "delete", request.request_id())) {
        return earlier->fingerprint == fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
      }
    }
    std::optional<v1::Goal> goal = goals_.Find(tx, request.goal_id());
    if (!goal) return NotFound(request.goal_id());
    absl::StatusOr<v1::Campaign> campaign = LockCampaign(tx, goal->campaign_id());
    if (!campaign.ok()) return campaign.status();
    if (!goals_.FindForUpdate(tx, request.goal_id())) return NotFound(request.goal_id());
    goals_.Delete(tx, request.goal_id());
    if (!request.request_id().empty()) {
      goals_.SaveRequest(tx, "delete", request.request_id(), {request.goal_id(), fingerprint});
    }
    snapshots_.Publish(tx, goal->campaign_id());
    return absl::OkStatus();
  });
}

}  // namespace tmk::campaigns
