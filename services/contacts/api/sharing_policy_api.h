#pragma once
// This region's sharing policy (R6, R32): how its customers reach the other regions. Reading it
// is open to every role; changing it is an administrator's, and queues the republishing of every
// owned customer's snapshot under the new policy (SharingRepublisher does it in batches).
#include <functional>

#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/sharing_policy_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class SharingPolicyApi {
 public:
  // `changed` is called after a change committed (it wakes the republisher).
  SharingPolicyApi(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
                   std::function<void()> changed)
      : runtime_(runtime), hlc_(hlc), changed_(std::move(changed)) {}

  absl::Status GetSharingPolicy(const auth::Principal& who,
                                const telemarketing::contacts::v1::GetSharingPolicyRequest& request,
                                telemarketing::contacts::v1::GetSharingPolicyResponse& response);
  absl::Status UpdateSharingPolicy(
      const auth::Principal& who,
      const telemarketing::contacts::v1::UpdateSharingPolicyRequest& request,
      telemarketing::contacts::v1::UpdateSharingPolicyResponse& response);

 private:
  void Respond(const std::optional<StoredSharingPolicy>& stored,
               telemarketing::contacts::v1::SharingPolicy& out) const;

  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  std::function<void()> changed_;
  SharingPolicyStore store_;
};

}  // namespace tmk::contacts
