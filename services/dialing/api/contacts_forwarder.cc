#include "services/dialing/api/contacts_forwarder.h"

#include <optional>
#include <vector>

#include "services/common/log/logger.h"
#include "services/dialing/domain/forward_retry.h"

namespace tmk::dialing {

ContactsForwarder::ContactsForwarder(pg::PgPool& pool, const Clock& clock,
                                     ContactsChanges& contacts, ContactsForwarderOptions options)
    : pool_(pool), clock_(clock), contacts_(contacts), options_(options) {}

ContactsForwarder::~ContactsForwarder() { Stop(); }

absl::StatusOr<ForwardRound> ContactsForwarder::ForwardDue() {
  const TimePoint now = clock_.Now();
  std::vector<ContactsForward> claimed;
  absl::Status claim = pool_.Transact([&](pqxx::work& tx) {
    claimed = rows_.Claim(tx, now, options_.batch, now + options_.lease);
    return absl::OkStatus();
  });
  if (!claim.ok()) return claim;
  if (claimed.empty()) return ForwardRound{};
  // Outside any transaction. A crash before the answers are recorded sends the rows again when
  // their lease ends, under the same request ids: contacts replays, never reapplies.
  std::vector<absl::Status> answers;
  std::optional<absl::Status> outage;  // once contacts is unreachable, the rest wait too
  for (const ContactsForward& row : claimed) {
    answers.push_back(outage ? *outage : contacts_.Apply(row));
    if (!IsFinalAnswer(answers.back().code())) outage = answers.back();
  }
  ForwardRound round;
  absl::Status recorded = pool_.Transact([&](pqxx::work& tx) {
    round = ForwardRound{};
    for (size_t i = 0; i < claimed.size(); ++i) {
      const ContactsForward& row = claimed[i];
      const absl::Status& answer = answers[i];
      if (answer.ok()) {
        rows_.Delete(tx, row.forward_id);
        ++round.forwarded;
      } else if (IsFinalAnswer(answer.code())) {
        rows_.Refuse(tx, row.forward_id, answer.ToString(), now);
        ++round.refused;
      } else {
        rows_.Postpone(tx, row.forward_id, answer.ToString(), now + ForwardBackoff(row.attempts));
        ++round.postponed;
      }
    }
    return absl::OkStatus();
  });
  if (!recorded.ok()) return recorded;
  for (size_t i = 0; i < claimed.size(); ++i) {
    if (answers[i].ok() || !IsFinalAnswer(answers[i].code())) continue;
    log::Warn("contacts refused a change learnt on a call",
              {{"forward_id", claimed[i].forward_id}, {"call_id", claimed[i].call_id},
               {"customer_id", claimed[i].customer_id}, {"error", answers[i].ToString()}});
  }
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
