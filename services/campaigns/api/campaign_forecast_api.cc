// ForecastCampaign (R15, R16): contacts, orders, agent hours, cost and ROI of a campaign under
// its constraints, from assumed rates; optionally kept as the campaign's baseline so reporting
// can compare forecast and actual (R27). The arithmetic is domain/campaign_forecast.h.
#include "absl/strings/str_cat.h"
#include "services/campaigns/api/campaign_api.h"
#include "services/campaigns/api/campaign_rules_check.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

absl::Status CampaignApi::ForecastCampaign(const auth::Principal& who,
                                           const v1::ForecastCampaignRequest& request,
                                           v1::ForecastCampaignResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "forecast campaigns"); !allowed.ok()) return allowed;
  {
    Violations v;
    grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
    if (request.save_as_baseline() && request.request_id().empty()) {
      v.Add("request_id", "required when save_as_baseline is set");
    }
    grpcx::CheckRequestId(request.request_id(), v);
    if (!v.empty()) return v.ToStatus("invalid forecast request");
  }
  std::optional<v1::Campaign> campaign;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    campaign = campaigns_.Find(tx, request.campaign_id());
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!campaign) {
    return absl::NotFoundError(absl::StrCat("campaign ", request.campaign_id(), " not found"));
  }
  v1::ForecastAssumptions assumptions = request.assumptions();
  if (assumptions.list_size() == 0 && !campaign->target_list_id().empty()) {
    // "Defaults to the target list size": the list lives in contacts (R8).
    absl::StatusOr<telemarketing::contacts::v1::ContactList> list =
        lists_.GetContactList(who, campaign->target_list_id());
    if (!list.ok()) return list.status();
    assumptions.set_list_size(list->member_count());
  }
  const Clock& clock = runtime_.context().clock;
  absl::StatusOr<v1::CampaignForecast> forecast =
      Forecast(*campaign, assumptions, request.constraints(), clock.Now());
  if (!forecast.ok()) return forecast.status();
  *response.mutable_forecast() = *forecast;
  if (!request.save_as_baseline()) return absl::OkStatus();

  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = campaigns_.FindRequest(tx, "forecast", request.request_id())) {
      if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
      std::optional<v1::Campaign> current = campaigns_.Find(tx, request.campaign_id());
      if (current) *response.mutable_forecast() = current->baseline_forecast();
      return absl::OkStatus();
    }
    std::optional<v1::Campaign> current = campaigns_.Find(tx, request.campaign_id(), true);
    if (!current) return absl::NotFoundError("the campaign no longer exists");
    *current->mutable_baseline_forecast() = *forecast;
    current->set_revision(current->revision() + 1);
    *current->mutable_update_time() = grpcx::ToProtoTime(clock.Now());
    campaigns_.Update(tx, *current);
    campaigns_.SaveRequest(tx, "forecast", request.request_id(), {request.campaign_id(), fingerprint});
    snapshots_.Publish(tx, request.campaign_id());
    return absl::OkStatus();
  });
}

}  // namespace tmk::campaigns
