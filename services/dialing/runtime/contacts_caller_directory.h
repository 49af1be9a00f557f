#pragma once
// CallerDirectory through contacts' LookupCustomersByPhone (R18, R5, R6): contacts owns the
// numbers (encrypted at rest, found by their blind index) and answers dialing's own principal
// with them masked; dialing keeps only the customer and contact point ids, never the number.
// Each lookup names its call (ChangeContext.call_id), so contacts' audit says why dialing read
// the customer. Lookups run on a small pool of their own with a short deadline: at most
// `workers` at once and `max_queued` waiting, anything beyond is answered RESOURCE_EXHAUSTED at
// once, so a slow or unreachable contacts costs unknown callers, never a growing backlog.
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/grpc/blocking_executor.h"
#include "services/contacts/client/customer_directory.h"
#include "services/dialing/runtime/caller_directory.h"
#include "services/dialing/telephony/scheduler.h"

namespace tmk::dialing {

class ContactsCallerDirectory final : public CallerDirectory {
 public:
  // `contacts` should carry a deadline shorter than an agent's patience for a card (seconds);
  // `service` is dialing's own principal (role system; an empty credential with auth off).
  ContactsCallerDirectory(contacts_client::CustomerDirectory& contacts, Scheduler& scheduler,
                          auth::Principal service, int workers = 2, int max_queued = 8);

  void Identify(const std::string& call_id, const std::string& caller_number,
                Answer answer) override;

 private:
  // On a worker: contacts' answer reduced to the ids dialing keeps.
  absl::StatusOr<std::optional<KnownCaller>> Lookup(const std::string& call_id,
                                                    const std::string& caller_number);

  contacts_client::CustomerDirectory& contacts_;
  Scheduler& scheduler_;
  auth::Principal service_;
  grpcx::BlockingExecutor lookups_;  // last: joined first, while the rest is still there
};

}  // namespace tmk::dialing
