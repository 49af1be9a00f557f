#pragma once
// Hands the changes learnt on calls to contacts (R2 list screening, R3 profile completion, R6 a
// refusal of further calls): a background worker over the contacts_forwarding rows the wrap-up
// wrote in its own transaction. Each due row is sent with its forward id as request_id, so a retry
// after a crash between contacts' answer and our commit is a replay contacts answers without
// applying twice. The row is deleted only after contacts answered OK; an outage (UNAVAILABLE,
// timeouts) postpones it with exponential backoff for as long as it lasts; a refusal on the merits
// (NOT_FOUND, INVALID_ARGUMENT, ...) marks it refused with contacts' reason, logged, never retried.
// A round claims its rows in a short transaction (their next try moved past a lease, SKIP LOCKED),
// asks contacts outside any transaction, then records the answers: a slow contacts holds no row
// lock or database connection, and replicas share the work without sending a row twice at once.
// Rows whose answers were never recorded (a crash) are claimed again once their lease ends.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/contacts_changes.h"
#include "services/dialing/store/contacts_forwarding_store.h"

namespace tmk::dialing {

struct ContactsForwarderOptions {
  std::chrono::milliseconds period = std::chrono::seconds(1);
  int batch = 50;
  // How long a round owns the rows it claimed: longer than a batch of calls to contacts can take
  // (50 rows x a 5 s deadline), so another forwarder never sends a row still in flight.
  std::chrono::milliseconds lease = std::chrono::minutes(5);
};

struct ForwardRound {
  int forwarded = 0;  // contacts answered OK
  int postponed = 0;  // contacts unreachable or busy: tried again later
  int refused = 0;    // refused on the merits: kept with the reason
};

class ContactsForwarder {
 public:
  ContactsForwarder(pg::PgPool& pool, const Clock& clock, ContactsChanges& contacts,
                    ContactsForwarderOptions options = {});
  ~ContactsForwarder();

  // One pass over the rows due now.
  absl::StatusOr<ForwardRound> ForwardDue();

  // A background loop calling ForwardDue every period.
  void Start();
  void Stop();

 private:
  pg::PgPool& pool_;
  const Clock& clock_;
  ContactsChanges& contacts_;
  ContactsForwarderOptions options_;
  ContactsForwardingStore rows_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread loop_;
};

}  // namespace tmk::dialing
