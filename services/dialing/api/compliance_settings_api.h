#pragma once
// The region's compliance guards over gRPC (R20): supervisors, administrators and integrators read
// them; administrators change them, field mask and revision (etag), idempotent by request_id.
// Values looser than the law (ring under 15 s, recall block under 72 h, abandon ceiling above 3 %,
// connect threshold above 2 s) are INVALID_ARGUMENT on that field; nothing is stored then. The
// dialer reads the stored settings at every pacing decision, so a change applies within a second.
#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class ComplianceSettingsApi {
 public:
  explicit ComplianceSettingsApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

  absl::Status GetComplianceSettings(
      const auth::Principal& who,
      const telemarketing::dialing::v1::GetComplianceSettingsRequest& request,
      telemarketing::dialing::v1::GetComplianceSettingsResponse& response);
  absl::Status UpdateComplianceSettings(
      const auth::Principal& who,
      const telemarketing::dialing::v1::UpdateComplianceSettingsRequest& request,
      telemarketing::dialing::v1::UpdateComplianceSettingsResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  ComplianceSettingsStore settings_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
