#pragma once
// Callbacks over gRPC (R10, R13, R17, R20): a customer's requested call-back time, owned by an
// agent or open to anyone. A callback in the past is INVALID_ARGUMENT on callback.callback_time;
// one outside the campaign's calling windows in the customer's local time is FAILED_PRECONDITION
// OUTSIDE_CALLING_WINDOW naming the next opening. Creating one puts its lead in CALLBACK at that
// time in the same transaction, so the hopper serves it first when due; cancelling puts the lead
// back into the schedule.
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/domain/callback_plan.h"
#include "services/dialing/store/callback_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class CallbackApi {
 public:
  CallbackApi(server::ServiceRuntime& runtime, const CampaignProjectionStore& campaigns)
      : runtime_(runtime), campaigns_(campaigns) {}

  absl::Status CreateCallback(const auth::Principal& who,
                              const telemarketing::dialing::v1::CreateCallbackRequest& request,
                              telemarketing::dialing::v1::CreateCallbackResponse& response);
  absl::Status GetCallback(const auth::Principal& who,
                           const telemarketing::dialing::v1::GetCallbackRequest& request,
                           telemarketing::dialing::v1::GetCallbackResponse& response);
  absl::Status ListCallbacks(const auth::Principal& who,
                             const telemarketing::dialing::v1::ListCallbacksRequest& request,
                             telemarketing::dialing::v1::ListCallbacksResponse& response);
  // callback_time, owner_agent_id, ownership and note may be in the mask.
  absl::Status UpdateCallback(const auth::Principal& who,
                              const telemarketing::dialing::v1::UpdateCallbackRequest& request,
                              telemarketing::dialing::v1::UpdateCallbackResponse& response);
  absl::Status CancelCallback(const auth::Principal& who,
                              const telemarketing::dialing::v1::CancelCallbackRequest& request,
                              telemarketing::dialing::v1::CancelCallbackResponse& response);

 private:
  absl::Status Authorize(const auth::Principal& who, std::string_view action) const;
  // The plan is inside the lead's campaign's windows for its customer, and the lead waits for it.
  absl::Status Schedule(pqxx::work& tx, LeadRow& lead, const CallbackPlan& plan);
  using CallbackChange = std::function<absl::StatusOr<telemarketing::dialing::v1::Callback>(
      pqxx::work&)>;
  // MutateOnce for callbacks.
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const google::protobuf::Message& request,
                      telemarketing::dialing::v1::Callback& out, const CallbackChange& change);
  absl::StatusOr<telemarketing::dialing::v1::Callback> Load(pqxx::work& tx,
                                                            const std::string& callback_id,
                                                            bool for_update = false) const;

  server::ServiceRuntime& runtime_;
  const CampaignProjectionStore& campaigns_;
  CallbackStore callbacks_;
  LeadStore leads_;
  HopperStore hopper_;
  CustomerCallabilityStore customers_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
