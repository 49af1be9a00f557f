#include "services/common/events/outbox_relay.h"

#include <pqxx/pqxx>

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/common/events/outbox.h"
#include "services/common/log/logger.h"
#include "services/common/metrics/metrics_registry.h"
#include "services/common/pg/pg_errors.h"
#include "services/common/pg/pg_pool.h"

namespace tmk::events {
namespace {

// Counts wake-ups; the relay drains the outbox after each one.
class WakeUp final : public pqxx::notification_receiver {
 public:
  WakeUp(pqxx::connection_base& connection, const std::string& channel)
      : pqxx::notification_receiver(connection, channel) {}
  void operator()(const std::string&, int) override {}
};

TimePoint FromMicros(long long micros) {
  return TimePoint(std::chrono::microseconds(micros));
}

long long SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

OutboxRelay::OutboxRelay(pg::PgPool& pool, EventPublisher& publisher, Options options)
    : pool_(pool), publisher_(publisher), options_(options) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> OutboxRelay::RelayOnce() {
  int count = 0;
  absl::Status status = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    count = 0;
    // Losing this commit in a database crash only brings the rows back, to be published again
    // and deduplicated by consumers' inboxes: the relay need not wait for the WAL flush.
    tx.exec("SET LOCAL synchronous_commit = off");
    // A batch never takes this long; one that does (a bad plan, a lock) is cancelled and retried
    // rather than holding the relay — and a shutdown joining it — indefinitely.
    tx.exec("SET LOCAL statement_timeout = '30s'");
    // Take the oldest rows out of the outbox in one round trip. The delete is visible to nobody
    // until commit, and commit happens only after Kafka acknowledged every event, so a relay
    // dying here (or a broker refusing) simply leaves the rows where they were. SKIP LOCKED lets
    // several replicas relay side by side without waiting on each other. The batch is taken
    // once (ARRAY(...) is an init plan) and deleted by key, so no plan — even one made on the
    // stale statistics of a freshly bulk-loaded outbox — can re-run the locking subquery per row.
    pqxx::result rows = tx.exec_params(
        "DELETE FROM outbox WHERE seq = ANY(ARRAY("
        " SELECT seq FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED))"
        " RETURNING seq, event_id::text, topic, message_key, event_type, subject,"
        " (extract(epoch FROM occurred_at) * 1000000)::bigint, payload",
        options_.batch_size);
    if (rows.empty()) return absl::OkStatus();
    std::vector<std::pair<long long, OutboundEvent>> ordered;
    ordered.reserve(rows.size());
    std::map<std::string, long long> per_type;
    for (const auto& row : rows) {
      OutboundEvent e;
      e.id = row[1].as<std::string>();
      e.topic = row[2].as<std::string>();
      e.key = row[3].as<std::string>();
      e.type = row[4].as<std::string>();
      e.subject = row[5].as<std::string>();
      e.time = FromMicros(row[6].as<long long>());
      e.payload = pqxx::binarystring(row[7]).str();
      ++per_type[e.type];
      ordered.emplace_back(row[0].as<long long>(), std::move(e));
    }
    // RETURNING has no order; Kafka must see each aggregate's events in commit order.
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<OutboundEvent> batch;
    batch.reserve(ordered.size());
    for (auto& [seq, e] : ordered) batch.push_back(std::move(e));
    if (absl::Status published = publisher_.PublishBatch(batch); !published.ok()) {
      return published;  // rollback: the rows come back and are retried
    }
    for (const auto& [type, n] : per_type) {
      tx.exec_params(
          "INSERT INTO outbox_published (event_type, published) VALUES ($1, $2)"
          " ON CONFLICT (event_type) DO UPDATE SET published = outbox_published.published + $2",
          type, n);
    }
    count = static_cast<int>(batch.size());
    return absl::OkStatus();
  });
  if (!status.ok()) {
    long long expected = 0;
    failing_since_ms_.compare_exchange_strong(expected, SteadyMillis());
    return status;
  }
  failing_since_ms_ = 0;
  published_ += count;
  if (options_.published_counter) options_.published_counter->Increment(count);
  return count;
}

bool OutboxRelay::healthy() const {
  long long since = failing_since_ms_.load();
  return since == 0 || SteadyMillis() - since < options_.unhealthy_after.count();
}

void OutboxRelay::Run() {
  const std::string channel = OutboxChannel(pool_.schema());
  std::unique_ptr<pqxx::connection> listener;
  std::unique_ptr<WakeUp> wake_up;
  auto backoff = std::chrono::milliseconds(100);
  log::Info("outbox relay started", {{"schema", pool_.schema()}});
  while (!stopping_) {
    absl::StatusOr<int> relayed = RelayOnce();
    if (!relayed.ok()) {
      log::Warn("outbox relay batch failed; will retry",
                {{"schema", pool_.schema()}, {"error", relayed.status().message()}});
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
      continue;
    }
    backoff = std::chrono::milliseconds(100);
    if (*relayed == options_.batch_size) continue;  // more is waiting
    try {
      if (!listener || !listener->is_open()) {
        wake_up.reset();
        listener = std::make_unique<pqxx::connection>(pool_.dsn());
        wake_up = std::make_unique<WakeUp>(*listener, channel);
      }
      long idle_us = static_cast<long>(
          std::chrono::duration_cast<std::chrono::microseconds>(options_.idle_poll).count());
      listener->await_notification(idle_us / 1000000, idle_us % 1000000);
    } catch (...) {
      wake_up.reset();
      listener.reset();
      std::this_thread::sleep_for(options_.idle_poll);
    }
  }
  log::Info("outbox relay stopped", {{"schema", pool_.schema()}, {"published", published_.load()}});
}

}  // namespace tmk::events
