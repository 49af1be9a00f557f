#pragma once
// The campaigns' dialing runtime over gRPC (R17, R20, R29): read it, change its mode and limits,
// start and stop dialing. A campaign dialing has learnt of (tm.campaigns.v1) has a runtime,
// STOPPED in the campaign's default mode until started; StartDialing needs the campaign PILOT or
// ACTIVE (FAILED_PRECONDITION CAMPAIGN_INACTIVE otherwise). The abandon target defaults to the
// region's ComplianceSettings and never exceeds their ceiling (legally at most 3 %), nor the dial
// levels their highest dial level (R20). Every change publishes CampaignRuntimeChanged in its
// transaction and, once committed, reaches the dialer (`apply`).
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/campaign_runtime_events.h"
#include "services/dialing/store/abandon_minute_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class CampaignRuntimeApi {
 public:
  // `apply` gets each committed runtime (the dialer starts, retunes or stops the campaign).
  using Apply = std::function<void(const telemarketing::dialing::v1::CampaignRuntime&)>;
  CampaignRuntimeApi(server::ServiceRuntime& runtime, const CampaignProjectionStore& campaigns,
                     const CampaignRuntimeEvents& events, Apply apply)
      : runtime_(runtime), campaigns_(campaigns), events_(events), apply_(std::move(apply)) {}

  absl::Status GetCampaignRuntime(
      const auth::Principal& who,
      const telemarketing::dialing::v1::GetCampaignRuntimeRequest& request,
      telemarketing::dialing::v1::GetCampaignRuntimeResponse& response);
  absl::Status ListCampaignRuntimes(
      const auth::Principal& who,
      const telemarketing::dialing::v1::ListCampaignRuntimesRequest& request,
      telemarketing::dialing::v1::ListCampaignRuntimesResponse& response);
  // dial_mode, max_dial_level, power_ratio, abandon_target, preview_timeout,
  // answering_machine_detection, caller_id_number and hopper_target_size may be in the mask.
  absl::Status UpdateCampaignRuntime(
      const auth::Principal& who,
      const telemarketing::dialing::v1::UpdateCampaignRuntimeRequest& request,
      telemarketing::dialing::v1::UpdateCampaignRuntimeResponse& response);
  absl::Status StartDialing(const auth::Principal& who,
                            const telemarketing::dialing::v1::StartDialingRequest& request,
                            telemarketing::dialing::v1::StartDialingResponse& response);
  absl::Status StopDialing(const auth::Principal& who,
                           const telemarketing::dialing::v1::StopDialingRequest& request,
                           telemarketing::dialing::v1::StopDialingResponse& response);

 private:
  using Change = std::function<absl::StatusOr<telemarketing::dialing::v1::CampaignRuntime>(
      pqxx::work&, telemarketing::dialing::v1::CampaignRuntime)>;
  // Loads (or creates) the campaign's runtime locked, applies `change`, stores and publishes it,
  // idempotent by request_id; then hands the result to the dialer.
  absl::Status Mutate(const std::string& verb, const std::string& campaign_id,
                      const std::string& request_id, const google::protobuf::Message& request,
                      telemarketing::dialing::v1::CampaignRuntime& out, const Change& change);
  // The stored runtime, or the campaign's default one; NOT_FOUND when dialing knows no such
  // campaign.
  absl::StatusOr<telemarketing::dialing::v1::CampaignRuntime> Load(
      pqxx::work& tx, const std::string& campaign_id, bool for_update) const;
  // The measured figures (abandon rates and budget) filled in for an answer.
  void Measure(pqxx::work& tx, telemarketing::dialing::v1::CampaignRuntime& runtime) const;

  server::ServiceRuntime& runtime_;
  const CampaignProjectionStore& campaigns_;
  const CampaignRuntimeEvents& events_;
  Apply apply_;
  CampaignRuntimeStore runtimes_;
  AbandonMinuteStore abandon_minutes_;
  ComplianceSettingsStore settings_;  // the region's bounds on runtimes (R20)
  RequestRecords requests_;
};

}  // namespace tmk::dialing
