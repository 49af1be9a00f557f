#pragma once
// Consent, do-not-call and callability (R2, R6): who may be called, on which channel, for which
// purpose, now. The rules live in domain/callability.h and domain/consent_rules.h; SQL in
// store/consent_store.h and store/dnc_store.h; here: authorisation, proto ↔ domain, the
// transaction with its outbox event (tm.contact-consent.v1) and idempotency by request_id.
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/consent_store.h"
#include "services/contacts/store/dnc_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class ConsentApi {
 public:
  // `hlc`: the region's clock (R32), which consents and DNC changes are stamped with.
  ConsentApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
             HybridLogicalClock& hlc);

  absl::Status RecordConsent(const auth::Principal& who,
      const telemarketing::contacts::v1::RecordConsentRequest& request,
      telemarketing::contacts::v1::RecordConsentResponse& response);
  absl::Status ListConsents(const auth::Principal& who,
      const telemarketing::contacts::v1::ListConsentsRequest& request,
      telemarketing::contacts::v1::ListConsentsResponse& response);
  absl::Status CreateDncEntry(const auth::Principal& who,
      const telemarketing::contacts::v1::CreateDncEntryRequest& request,
      telemarketing::contacts::v1::CreateDncEntryResponse& response);
  absl::Status GetDncEntry(const auth::Principal& who,
      const telemarketing::contacts::v1::GetDncEntryRequest& request,
      telemarketing::contacts::v1::GetDncEntryResponse& response);
  absl::Status ListDncEntries(const auth::Principal& who,
      const telemarketing::contacts::v1::ListDncEntriesRequest& request,
      telemarketing::contacts::v1::ListDncEntriesResponse& response);
  absl::Status DeleteDncEntry(const auth::Principal& who,
      const telemarketing::contacts::v1::DeleteDncEntryRequest& request,
      telemarketing::contacts::v1::DeleteDncEntryResponse& response);
  absl::Status CheckCallable(const auth::Principal& who,
      const telemarketing::contacts::v1::CheckCallableRequest& request,
      telemarketing::contacts::v1::CheckCallableResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  const IdentifierCipher& cipher_;  // numbers are matched by blind index (R6)
  HybridLogicalClock& hlc_;
  ConsentStore consents_;
  DncStore dnc_;
};

}  // namespace tmk::contacts
