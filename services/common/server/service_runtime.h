#pragma once
// The plumbing every service module has, written once: its PostgreSQL pool on its own schema,
// migrations, the worker pool for blocking handlers, and the outbox relay to Kafka.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/events/event_publisher.h"
#include "services/common/events/outbox_relay.h"
#include "services/common/grpc/blocking_executor.h"
#include "services/common/grpc/unary_call.h"
#include "services/common/pg/migration.h"
#include "services/common/pg/pg_pool.h"
#include "services/common/server/service_module.h"

namespace tmk::server {

class ServiceRuntime {
 public:
  ServiceRuntime(const ModuleContext& context, std::string service,
                 std::vector<pg::Migration> migrations);
  ~ServiceRuntime();

  // Applies migrations (waiting up to `pg_wait` for the database to come up) and starts the relay.
  absl::Status Start(std::chrono::milliseconds pg_wait = std::chrono::seconds(30));
  void Stop();

  // Serving means the database and Kafka answer and the relay is not stuck.
  bool Healthy();

  pg::PgPool& pool() { return pool_; }
  grpcx::UnaryCalls& calls() { return calls_; }
  // For streaming handlers, which run their blocking steps here themselves.
  grpcx::BlockingExecutor& executor() { return executor_; }
  const std::string& service() const { return service_; }
  const ModuleContext& context() const { return context_; }

 private:
  const ModuleContext& context_;
  const std::string service_;
  const std::vector<pg::Migration> migrations_;
  pg::PgPool pool_;
  pg::PgPool relay_pool_;  // its own connection: a slow broker never starves the handlers
  grpcx::BlockingExecutor executor_;
  grpcx::UnaryCalls calls_;
  std::unique_ptr<events::EventPublisher> publisher_;
  std::unique_ptr<events::OutboxRelay> relay_;
};

}  // namespace tmk::server
