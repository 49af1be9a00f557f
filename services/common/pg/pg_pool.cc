#include "services/common/pg/pg_pool.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "services/common/log/logger.h"
#include "services/common/pg/pg_errors.h"

namespace tmk::pg {

struct PgPool::Slot {
  std::unique_ptr<pqxx::connection> connection;
};

namespace {

// A server that stops answering must not hang a worker forever.
std::string WithConnectTimeout(const std::string& dsn) {
  if (dsn.find("connect_timeout") != std::string::npos) return dsn;
  bool uri = dsn.rfind("postgres://", 0) == 0 || dsn.rfind("postgresql://", 0) == 0;
  if (!uri) return dsn + " connect_timeout=3";
  return dsn + (dsn.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=3";
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

PgPool::PgPool(const PgConfig& config, std::string schema)
    : dsn_(WithConnectTimeout(config.dsn)),
      schema_(std::move(schema)),
      retry_budget_(config.retry_budget) {
  for (int i = 0; i < config.pool_size; ++i) {
    slots_.push_back(std::make_unique<Slot>());
    idle_.push_back(slots_.back().get());
  }
}

PgPool::~PgPool() = default;

PgPool::Slot* PgPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  Slot* slot = idle_.back();
  idle_.pop_back();
  return slot;
}

void PgPool::Release(Slot* slot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(slot);
  }
  available_.notify_one();
}

absl::Status PgPool::Connect(Slot& slot) {
  if (slot.connection && slot.connection->is_open()) return absl::OkStatus();
  try {
    slot.connection.reset();
    auto connection = std::make_unique<pqxx::connection>(dsn_);
    pqxx::nontransaction tx(*connection);
    tx.exec(absl::StrCat("SET search_path TO ", QuoteIdentifier(schema_), ", public"));
    slot.connection = std::move(connection);
    return absl::OkStatus();
  } catch (...) {
    return ClassifyCurrentException().status;
  }
}

absl::Status PgPool::Transact(const Work& work) {
  Slot* slot = Acquire();
  auto deadline = std::chrono::steady_clock::now() + retry_budget_;
  auto backoff = std::chrono::milliseconds(50);
  absl::Status result;
  for (int attempt = 1;; ++attempt) {
    Retry retry = Retry::kNo;
    result = Connect(*slot);
    if (result.ok()) {
      try {
        pqxx::work tx(*slot->connection);
        result = work(tx);
        if (result.ok()) tx.commit();
        break;
      } catch (...) {
        ClassifiedError error = ClassifyCurrentException();
        result = error.status;
        retry = error.retry;
      }
    } else {
      retry = Retry::kReconnect;
    }
    if (retry == Retry::kNo || std::chrono::steady_clock::now() + backoff > deadline) break;
    if (retry == Retry::kReconnect) slot->connection.reset();
    log::Warn("pg transaction retry", {{"schema", schema_}, {"attempt", attempt},
                                       {"error", result.message()}});
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
  }
  Release(slot);
  return result;
}

bool PgPool::Ping() {
  Slot* slot = Acquire();
  bool ok = Connect(*slot).ok();
  if (ok) {
    try {
      pqxx::nontransaction tx(*slot->connection);
      tx.exec("SELECT 1");
    } catch (...) {
      slot->connection.reset();
      ok = false;
    }
  }
  Release(slot);
  return ok;
}

}  // namespace tmk::pg
