#pragma once
// A small, fixed pool of libpqxx 6.4 connections for one service (one per worker thread), each
// with the service's schema first on its search_path so a service sees only its own tables.
#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/pg/pg_config.h"

namespace tmk::pg {

class PgPool {
 public:
  // Connections are opened lazily; construction never blocks on the server.
  PgPool(const PgConfig& config, std::string schema);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  using Work = std::function<absl::Status(pqxx::work&)>;

  // Runs `work` in one READ COMMITTED transaction and commits when it returns OK; a non-OK
  // return rolls back. A lost connection is reopened and the work rerun (it had not committed)
  // with backoff within the retry budget; serialization failures and deadlocks rerun too.
  // `work` must therefore be safe to run more than once.
  absl::Status Transact(const Work& work);

  // True when the last attempt to reach the server succeeded (health checking).
  bool Ping();

  const std::string& schema() const { return schema_; }
  const std::string& dsn() const { return dsn_; }

 private:
  struct Slot;
  Slot* Acquire();
  void Release(Slot* slot);
  absl::Status Connect(Slot& slot);

  const std::string dsn_;
  const std::string schema_;
  const std::chrono::milliseconds retry_budget_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> idle_;
};

// Quotes an SQL identifier (schema names come from config, so never trusted raw).
std::string QuoteIdentifier(const std::string& name);

}  // namespace tmk::pg
