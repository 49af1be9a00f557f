#pragma once
// The target lists campaigns dial are built in contacts from segments (R8); campaigns only check
// that a list exists and how large it is (readiness, forecasts). A port like CustomerDirectory.
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/contacts/v1/segment.pb.h"

namespace tmk::campaigns {

class ContactLists {
 public:
  virtual ~ContactLists() = default;
  // NOT_FOUND when contacts has no such list; UNAVAILABLE when contacts cannot be reached.
  virtual absl::StatusOr<telemarketing::contacts::v1::ContactList> GetContactList(
      const auth::Principal& on_behalf_of, std::string_view list_id) = 0;
};

}  // namespace tmk::campaigns
