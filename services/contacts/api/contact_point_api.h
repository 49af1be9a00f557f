#pragma once
// Contact points as sub-resources of an owned customer (R2, R3): add a phone or e-mail during a
// call, correct or screen one (status, label, primary, value), set the statuses of a
// list-screening run in one all-or-nothing batch, remove one. Each change is a new version of
// the customer with its profile-change rows and snapshot (CustomerChangeWriter), idempotent by
// request_id. Rules live in domain/contact_point_rules.h.
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/customer_change_writer.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/common/pg/request_records.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class ContactPointApi {
 public:
  // `hlc` is the region's clock, shared by every writer of customers (R32).
  ContactPointApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                  HybridLogicalClock& hlc);

  absl::Status CreateContactPoint(const auth::Principal& who,
                                  const telemarketing::contacts::v1::CreateContactPointRequest& request,
                                  telemarketing::contacts::v1::CreateContactPointResponse& response);
  absl::Status UpdateContactPoint(const auth::Principal& who,
                                  const telemarketing::contacts::v1::UpdateContactPointRequest& request,
                                  telemarketing::contacts::v1::UpdateContactPointResponse& response);
  absl::Status BatchUpdateContactPointStatuses(
      const auth::Principal& who,
      const telemarketing::contacts::v1::BatchUpdateContactPointStatusesRequest& request,
      telemarketing::contacts::v1::BatchUpdateContactPointStatusesResponse& response);
  absl::Status DeleteContactPoint(const auth::Principal& who,
                                  const telemarketing::contacts::v1::DeleteContactPointRequest& request,
                                  telemarketing::contacts::v1::DeleteContactPointResponse& response);

 private:
  // Runs `change` in one transaction, idempotent by request_id (pg::RunIdempotent).
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const std::string& fingerprint, const pg::ReplayChange& replay,
                      const pg::MakeChange& change);
  // The customer, locked for the change, if it exists and this region owns it.
  absl::StatusOr<telemarketing::contacts::v1::Customer> LoadOwned(
      pqxx::work& tx, const std::string& customer_id, const std::string& field) const;
  // The point of a customer read back for an answer, masked for roles that see no numbers.
  absl::Status ReadPoint(pqxx::work& tx, const auth::Principal& who,
                         const std::string& customer_id, const std::string& contact_point_id,
                         telemarketing::contacts::v1::ContactPoint& out) const;

  server::ServiceRuntime& runtime_;
  CustomerStore customers_;
  CustomerHistoryStore history_;
  pg::RequestRecords requests_;
  CustomerChangeWriter writer_;
};

}  // namespace tmk::contacts
