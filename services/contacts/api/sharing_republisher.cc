#include "services/contacts/api/sharing_republisher.h"

#include "services/common/events/outbox.h"
#include "services/common/log/logger.h"
#include "services/contacts/api/customer_snapshot_event.h"
#include "services/contacts/store/snapshot_source_store.h"

namespace tmk::contacts {

void SharingRepublisher::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void SharingRepublisher::Stop() {
  stopping_ = true;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void SharingRepublisher::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  wake_.notify_one();
}

void SharingRepublisher::Loop() {
  while (!stopping_) {
    absl::StatusOr<int> published = RunBatch();
    if (!published.ok()) {
      log::Warn("contacts: republishing snapshots failed; retrying",
                {{"error", published.status().message()}});
    }
    if (published.ok() && *published > 0) continue;  // more to do
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_for(lock, std::chrono::seconds(published.ok() ? 30 : 2),
                   [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

absl::StatusOr<int> SharingRepublisher::RunBatch() {
  int published = 0;
  absl::Status status = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    published = 0;
    std::optional<SharingPolicyStore::Republish> run = policies_.PendingRepublish(tx);
    if (!run) return absl::OkStatus();
    std::vector<std::string> ids = policies_.OwnedIdsAfter(tx, region_, run->after_id, kBatch);
    const SnapshotSharing sharing = SnapshotSharing::Load(tx);
    SnapshotSourceStore source;
    for (const auto& customer : customers_.FindMany(tx, ids)) {
      events::AppendToOutbox(
          tx, CustomerSnapshotEvent(customer, sharing,
                                    source.FieldChanges(tx, customer.customer_id()),
                                    source.LookupKeys(tx, customer.customer_id()), region_,
                                    clock_));
      ++published;
    }
    const bool done = static_cast<int>(ids.size()) < kBatch;
    policies_.Advance(tx, run->id, done ? "" : ids.back(), published, clock_.Now());
    log::Info(done ? "contacts: snapshots republished under the new sharing policy"
                   : "contacts: republishing snapshots under the new sharing policy",
              {{"run", run->id}, {"published", run->published + published}});
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return published;
}

}  // namespace tmk::contacts
