#pragma once
// The target lists campaigns dial are built in contacts from segments (R8): campaigns check that
// a list exists and how large it is (readiness, forecasts); dialing reads its members to create
// leads (LoadLeads). A port like CustomerDirectory, so callers are tested without contacts.
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"
#include "telemarketing/contacts/v1/segment.pb.h"

namespace tmk::contacts_client {

class ContactLists {
 public:
  virtual ~ContactLists() = default;
  // NOT_FOUND when contacts has no such list; UNAVAILABLE when contacts cannot be reached.
  virtual absl::StatusOr<telemarketing::contacts::v1::ContactList> GetContactList(
      const auth::Principal& on_behalf_of, std::string_view list_id) = 0;
  // One page of the list's members in a stable order ("" token: the first page).
  // FAILED_PRECONDITION while the list is BUILDING; NOT_FOUND and UNAVAILABLE as above.
  virtual absl::StatusOr<telemarketing::contacts::v1::ListContactListMembersResponse>
  ListContactListMembers(const auth::Principal& on_behalf_of, std::string_view list_id,
                         int page_size, std::string_view page_token) = 0;
};

}  // namespace tmk::contacts_client
