#pragma once
// The access audit log as handlers write it (R6: an audit trail of who accessed which customer):
// an entry per customer whose personal data a call answers with, appended in the transaction
// that read the data, so no such answer leaves without its entry. Every caller is audited: each
// role the suite has (agents, supervisors, QA analysts, administrators, integrators) acts for a
// person or an outside system, and a service calling on a person's behalf forwards that person's
// credential (auth::Principal::credential).
#include <pqxx/pqxx>

#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/contacts/store/access_audit_store.h"
#include "telemarketing/common/v1/actor.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/history.pb.h"

namespace tmk::contacts {

// Who reads, from where, through which RPC, and why.
struct AuditedCall {
  const auth::Principal& who;
  const std::string& peer;  // the client's address as gRPC saw it
  std::string_view rpc;     // the ContactsService method, e.g. "GetCustomer"
  const telemarketing::common::v1::ChangeContext& context;  // call, campaign and reason, if given
};

class AccessAuditor {
 public:
  AccessAuditor(const Clock& clock, std::string region)
      : clock_(clock), region_(std::move(region)) {}

  // An entry per customer as answered (after masking), naming the identifier paths it reveals in
  // the clear; a READ that reveals a full phone number is recorded as READ_UNMASKED.
  void RecordCustomers(pqxx::work& tx, const AuditedCall& call,
                       telemarketing::contacts::v1::AccessKind kind,
                       absl::Span<const telemarketing::contacts::v1::Customer> answered) const;
  // One HISTORY_READ entry naming the field paths whose old and new values were answered.
  void RecordHistory(pqxx::work& tx, const AuditedCall& call, const std::string& customer_id,
                     absl::Span<const telemarketing::contacts::v1::ProfileChange> answered) const;
  // One ERASE entry: the customer's personal data is gone, who erased it and why stays.
  void RecordErasure(pqxx::work& tx, const AuditedCall& call, const std::string& customer_id) const;

 private:
  telemarketing::contacts::v1::AccessAuditEntry Entry(const AuditedCall& call) const;
  void Append(pqxx::work& tx, const AuditedCall& call,
              const std::vector<telemarketing::contacts::v1::AccessAuditEntry>& entries) const;

  const Clock& clock_;
  const std::string region_;
  AccessAuditStore store_;
};

}  // namespace tmk::contacts
