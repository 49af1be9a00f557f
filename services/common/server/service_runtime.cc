#include "services/common/server/service_runtime.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/outbox.h"
#include "services/common/log/logger.h"
#include "services/common/metrics/metrics_registry.h"

namespace tmk::server {
namespace {

pg::PgConfig RelayPoolConfig(pg::PgConfig config) {
  config.pool_size = 1;
  return config;
}

std::vector<pg::Migration> WithEventTables(std::vector<pg::Migration> service_migrations) {
  std::vector<pg::Migration> all = events::EventTableMigrations();
  all.insert(all.end(), service_migrations.begin(), service_migrations.end());
  return all;
}

}  // namespace

ServiceRuntime::ServiceRuntime(const ModuleContext& context, std::string service,
                               std::vector<pg::Migration> migrations)
    : context_(context),
      service_(std::move(service)),
      migrations_(WithEventTables(std::move(migrations))),
      pool_(context.pg, service_),
      relay_pool_(RelayPoolConfig(context.pg), service_),
      executor_(context.pg.pool_size, /*max_queued=*/context.pg.pool_size * 64),
      calls_(context.authenticator, executor_, absl::StrCat(service_, ".telemarketing")) {}

ServiceRuntime::~ServiceRuntime() { Stop(); }

absl::Status ServiceRuntime::Start(std::chrono::milliseconds pg_wait) {
  auto deadline = std::chrono::steady_clock::now() + pg_wait;
  absl::Status migrated;
  for (;;) {
    migrated = pg::ApplyMigrations(pool_, migrations_);
    if (migrated.ok() || !absl::IsUnavailable(migrated) ||
        std::chrono::steady_clock::now() > deadline) {
      break;
    }
    log::Warn("waiting for PostgreSQL", {{"service", service_}, {"error", migrated.message()}});
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  if (!migrated.ok()) {
    return absl::Status(migrated.code(), absl::StrCat(service_, " migrations: ", migrated.message()));
  }
  auto publisher = events::KafkaEventPublisher::Create(context_.kafka, context_.region, service_);
  if (!publisher.ok()) return publisher.status();
  publisher_ = *std::move(publisher);
  events::OutboxRelay::Options options;
  options.batch_size = context_.kafka.relay_batch_size;
  options.published_counter = &context_.metrics.Counter(
      "tm_outbox_published_total", "Events the outbox relay handed to Kafka.", {{"service", service_}});
  relay_ = std::make_unique<events::OutboxRelay>(relay_pool_, *publisher_, options);
  relay_->Start();
  return absl::OkStatus();
}

void ServiceRuntime::Stop() {
  if (relay_) relay_->Stop();
}

bool ServiceRuntime::Healthy() {
  return pool_.Ping() && (!publisher_ || publisher_->Reachable()) && (!relay_ || relay_->healthy());
}

}  // namespace tmk::server
