#pragma once
// Contacts as the forwarder sees it (R2, R3): one change learnt on a call applied in contacts,
// idempotent by the change's id (its request_id), attributed to the call and its agent. A port,
// so the forwarder's retry rules are tested without a contacts server.
#include "absl/status/status.h"
#include "services/dialing/store/contacts_forwarding_store.h"

namespace tmk::dialing {

class ContactsChanges {
 public:
  virtual ~ContactsChanges() = default;
  // Contacts' answer: OK once applied (or already applied under the same id); UNAVAILABLE when
  // contacts cannot be reached.
  virtual absl::Status Apply(const ContactsForward& change) = 0;
};

}  // namespace tmk::dialing
