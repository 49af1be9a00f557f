// DeleteCustomer (R6, the PIPL right to deletion): an owned customer's personal data is erased —
// the record, its contact points, consents, change history and interactions — and its last
// snapshot, marked deleted, leaves through the outbox in the same transaction, so every replica
// and projection erases it too. What stays: an ERASE entry in the access audit log (who, when,
// why), do-not-call entries (honouring an opt-out needs the number), and list snapshots, which
// hold only ids. Administrators and integrators (the CRM relaying a customer's request) may erase.
#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/contacts/api/customer_api.h"
#include "services/contacts/api/customer_snapshot_event.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;

absl::Status CustomerApi::DeleteCustomer(const auth::Principal& who, const std::string& peer,
                                         const v1::DeleteCustomerRequest& request,
                                         v1::DeleteCustomerResponse&) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          auth::Authorize(who, {Role::kAdmin, Role::kIntegrator}, region, "erase customers");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& customer_id = request.customer_id();
  {
    Violations v;
    if (request.request_id().empty()) {
      v.Add("request_id", "required");
    } else if (request.request_id().size() > 128) {
      v.Add("request_id", "at most 128 characters");
    }
    if (customer_id.empty()) {
      v.Add("customer_id", "required");
    } else if (!Uuid::Parse(customer_id)) {
      v.Add("customer_id", "not a customer id (a UUID)");
    }
    if (!v.empty()) return v.ToStatus("invalid erasure");
  }

  const Clock& clock = runtime_.context().clock;
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    auto replay = [](pqxx::work&, const std::string&) { return absl::OkStatus(); };
    auto erase = [&](pqxx::work& tx, std::string& erased_id) -> absl::Status {
      std::optional<v1::Customer> customer = customers_.Find(tx, customer_id, /*for_update=*/true);
      if (!customer) {
        return absl::NotFoundError(absl::StrCat("customer ", customer_id, " not found"));
      }
      if (absl::Status owned = CheckOwned(*customer, region); !owned.ok()) return owned;
      if (!request.etag().empty() && request.etag() != customer->etag()) {
        return WithReason(absl::AbortedError(absl::StrCat(
                              "etag '", request.etag(), "' is stale; the customer is at '",
                              customer->etag(), "': read it again and retry")),
                          "ETAG_MISMATCH");
      }
      if (!customers_.Erase(tx, customer_id)) {
        return absl::InternalError("an owned customer found for update could not be erased");
      }
      auditor_.RecordErasure(tx, {who, peer, "DeleteCustomer", request.context()}, customer_id);
      events::AppendToOutbox(tx, CustomerErasedEvent(customer_id, region, hlc_.Now(), clock));
      erased_id = customer_id;
      return absl::OkStatus();
    };
    return pg::RunIdempotent(tx, requests_, "DeleteCustomer", request.request_id(),
                             grpcx::RequestFingerprint(request), replay, erase);
  });
}

}  // namespace tmk::contacts
