#pragma once
// Interactions (R4): other services attach references to their calls, recordings, orders... to
// a customer, owned or replica, so the contact-side timeline links to them; listed newest first.
// Attaching is idempotent on (kind, reference_id) as well as on request_id.
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/interaction_store.h"
#include "services/common/pg/request_records.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class InteractionApi {
 public:
  InteractionApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher)
      : runtime_(runtime), customers_(cipher) {}

  absl::Status CreateInteraction(const auth::Principal& who,
                                 const telemarketing::contacts::v1::CreateInteractionRequest& request,
                                 telemarketing::contacts::v1::CreateInteractionResponse& response);
  absl::Status ListInteractions(const auth::Principal& who,
                                const telemarketing::contacts::v1::ListInteractionsRequest& request,
                                telemarketing::contacts::v1::ListInteractionsResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  CustomerStore customers_;
  InteractionStore interactions_;
  pg::RequestRecords requests_;
};

}  // namespace tmk::contacts
