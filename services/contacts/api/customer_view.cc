#include "services/contacts/api/customer_view.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/contacts/api/customer_mapping.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

absl::StatusOr<bool> RevealsNumbers(const auth::Principal& who, v1::CustomerView view,
                                    const std::string& call_id) {
  switch (view) {
    case v1::CUSTOMER_VIEW_UNSPECIFIED:
    case v1::CUSTOMER_VIEW_MASKED:
      return SeesFullNumbers(who);
    case v1::CUSTOMER_VIEW_UNMASKED:
      if (SeesFullNumbers(who)) return true;
      if (who.HasRole(auth::Role::kAgent) && !call_id.empty()) return true;
      return WithReason(
          absl::PermissionDeniedError(absl::StrCat(
              who.subject,
              " may not read numbers in the clear: CUSTOMER_VIEW_UNMASKED is for supervisors, "
              "administrators, integrators, and agents on a call with the customer "
              "(context.call_id)")),
          "UNMASKED_VIEW_NOT_ALLOWED");
    default:
      return InvalidField("view", "CUSTOMER_VIEW_MASKED or CUSTOMER_VIEW_UNMASKED");
  }
}

}  // namespace tmk::contacts
