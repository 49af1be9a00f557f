#pragma once
// Reading the access audit log (R6): who read which customer, when and why. Administrators only:
// the log itself says whom each customer has been dealing with.
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/access_audit_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class AccessAuditApi {
 public:
  explicit AccessAuditApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

  absl::Status ListAccessAuditEntries(
      const auth::Principal& who,
      const telemarketing::contacts::v1::ListAccessAuditEntriesRequest& request,
      telemarketing::contacts::v1::ListAccessAuditEntriesResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  AccessAuditStore store_;
};

}  // namespace tmk::contacts
