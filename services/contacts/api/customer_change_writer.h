#pragma once
// The one way an owned customer's change is committed (R3, R5): a new version (HLC, update time,
// etag), the record and its contact points rewritten, one profile-change row per changed field
// with who, when and which call, and the new snapshot in the outbox — all in the caller's
// transaction. UpdateCustomer and the contact-point RPCs write through it.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/contacts/domain/customer_update.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "telemarketing/common/v1/actor.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/history.pb.h"

namespace tmk::contacts {

// Who made a change, how, and in which call and campaign (R3).
struct ChangeAuthor {
  telemarketing::common::v1::Actor actor;
  std::string call_id;
  std::string campaign_id;
  std::string reason;
  telemarketing::contacts::v1::ChangeOrigin origin =
      telemarketing::contacts::v1::CHANGE_ORIGIN_API;
};

// The caller and the request's context: an agent's change is CHANGE_ORIGIN_AGENT, others API.
ChangeAuthor AuthorOf(const auth::Principal& who, const std::string& region,
                      const telemarketing::common::v1::ChangeContext& context);

// OK for a customer this region owns; FAILED_PRECONDITION (NOT_OWNER) for a replica of another
// region's customer, which changes only through an update proposal to its owner (R32).
absl::Status CheckOwned(const telemarketing::contacts::v1::Customer& customer,
                        const std::string& region);

// Marks `point`'s status as set now, during `call_id` if any, with no reason given (R2): its
// status_reason, status_call_id and status_update_time are output only.
void StampStatus(const std::string& call_id, TimePoint now,
                 telemarketing::contacts::v1::ContactPoint& point);

class CustomerChangeWriter {
 public:
  CustomerChangeWriter(const CustomerStore& customers, const CustomerHistoryStore& history,
                       HybridLogicalClock& hlc, const Clock& clock, std::string region)
      : customers_(customers), history_(history), hlc_(hlc), clock_(clock), region_(std::move(region)) {}

  // One changed field (old -> new as JSON text) and who changed it.
  struct AuthoredChange {
    ChangeAuthor author;
    ProfileFieldChange change;
  };

  // Stamps `after` as the customer's new version and commits it with its `changes` and its
  // snapshot. `changes` must not be empty: no change, no new version.
  absl::Status Commit(pqxx::work& tx, const std::vector<AuthoredChange>& changes,
                      telemarketing::contacts::v1::Customer& after) const;
  // The same, every change by one author.
  absl::Status Commit(pqxx::work& tx, const ChangeAuthor& author,
                      const std::vector<ProfileFieldChange>& changes,
                      telemarketing::contacts::v1::Customer& after) const;

 private:
  const CustomerStore& customers_;
  const CustomerHistoryStore& history_;
  HybridLogicalClock& hlc_;
  const Clock& clock_;
  std::string region_;
};

}  // namespace tmk::contacts
