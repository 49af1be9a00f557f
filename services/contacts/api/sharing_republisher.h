#pragma once
// Republishes every owned customer's snapshot after the sharing policy changed (R6, R32), so
// replicas everywhere converge on what the new policy shares. Not in the RPC's transaction: a
// region may own millions of customers. The change queues a run (sharing_republish); this worker
// goes through the owned customers in id order, in bounded batches of one transaction each
// (snapshots into the outbox, the run's cursor advanced), logging progress. A run interrupted by a
// restart resumes from its cursor; a newer policy change supersedes an unfinished run.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/sharing_policy_store.h"

namespace tmk::contacts {

class SharingRepublisher {
 public:
  static constexpr int kBatch = 500;

  SharingRepublisher(pg::PgPool& pool, const IdentifierCipher& cipher, const Clock& clock,
                     std::string region)
      : pool_(pool), customers_(cipher), clock_(clock), region_(std::move(region)) {}
  ~SharingRepublisher() { Stop(); }

  // Runs in its own thread until Stop, working whenever woken and every 30 s (a run left by a
  // previous process).
  void Start();
  void Stop();
  void Wake();

  // One batch of the pending run, if any: the number of snapshots published (0 when idle).
  absl::StatusOr<int> RunBatch();

 private:
  void Loop();

  pg::PgPool& pool_;
  CustomerStore customers_;
  SharingPolicyStore policies_;
  const Clock& clock_;
  const std::string region_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace tmk::contacts
