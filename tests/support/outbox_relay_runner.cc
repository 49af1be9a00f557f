// A relay in its own process, so tests can SIGKILL it mid-batch (issue 2: "relay killed with
// SIGKILL mid-batch then restarted").
//   outbox_relay_runner <pg-dsn> <schema> <kafka-brokers> <batch-size>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/outbox_relay.h"
#include "services/common/pg/pg_pool.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s PG_DSN SCHEMA KAFKA_BROKERS BATCH_SIZE\n", argv[0]);
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  tmk::pg::PgConfig pg;
  pg.dsn = argv[1];
  pg.pool_size = 1;
  tmk::pg::PgPool pool(pg, argv[2]);
  tmk::events::KafkaConfig kafka;
  kafka.brokers = argv[3];
  auto publisher = tmk::events::KafkaEventPublisher::Create(kafka, "test", "relay-runner");
  if (!publisher.ok()) {
    std::fprintf(stderr, "%s\n", std::string(publisher.status().message()).c_str());
    return 1;
  }
  tmk::events::OutboxRelay::Options options;
  options.batch_size = std::atoi(argv[4]);
  options.idle_poll = std::chrono::milliseconds(50);
  tmk::events::OutboxRelay relay(pool, **publisher, options);
  relay.Start();
  int received = 0;
  sigwait(&signals, &received);
  relay.Stop();
  return 0;
}
