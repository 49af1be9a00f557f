#include "services/dialing/api/contacts_forwarder.h"

#include <optional>

#include "services/common/log/logger.h"
#include "services/dialing/domain/forward_retry.h"

namespace tmk::dialing {

ContactsForwarder::ContactsForwarder(pg::PgPool& pool, const Clock& clock,
                                     ContactsChanges& contacts, ContactsForwarderOptions options)
    : pool_(pool), clock_(clock), contacts_(contacts), options_(options) {}

ContactsForwarder::~ContactsForwarder() { Stop(); }

absl::StatusOr<ForwardRound> ContactsForwarder::ForwardDue() {
  ForwardRound round;
  // One transaction holds the batch's row locks while contacts is asked, so no other forwarder
  // sends them meanwhile; each answer is recorded in it and committed at the end. A crash before
  // the commit sends the batch again under the same request ids: contacts replays, never reapplies.
  absl::Status done = pool_.Transact([&](pqxx::work& tx) {
    round = ForwardRound{};
    const TimePoint now = clock_.Now();
    std::optional<absl::Status> outage;  // once contacts is unreachable, the rest wait too
    for (const ContactsForward& row : rows_.Due(tx, now, options_.batch)) {
      const absl::Status answer = outage ? *outage : contacts_.Apply(row);
      if (!IsFinalAnswer(answer.code())) outage = answer;
      if (answer.ok()) {
        rows_.Delete(tx, row.forward_id);
        ++round.forwarded;
      } else if (IsFinalAnswer(answer.code())) {
        rows_.Refuse(tx, row.forward_id, answer.ToString(), now);
        ++round.refused;
        log::Warn("contacts refused a change learnt on a call",
                  {{"forward_id", row.forward_id}, {"call_id", row.call_id},
                   {"customer_id", row.customer_id}, {"error", answer.ToString()}});
      } else {
        rows_.Postpone(tx, row.forward_id, answer.ToString(),
                       now + ForwardBackoff(row.attempts));
        ++round.postponed;
      }
    }
    return absl::OkStatus();
  });
  if (!done.ok()) return done;
  return round;
}

void ContactsForwarder::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (loop_.joinable()) return;
  stopping_ = false;
  loop_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      absl::StatusOr<ForwardRound> round = ForwardDue();
      if (!round.ok()) {
        log::Warn("contacts forwarding round failed", {{"error", round.status().ToString()}});
      } else if (round->postponed > 0) {
        log::Info("contacts unreachable: changes postponed", {{"postponed", round->postponed}});
      }
      lock.lock();
      wake_.wait_for(lock, options_.period, [this] { return stopping_; });
    }
  });
}

void ContactsForwarder::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (loop_.joinable()) loop_.join();
}

}  // namespace tmk::dialing
