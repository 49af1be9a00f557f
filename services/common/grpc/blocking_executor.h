#pragma once
// A bounded pool of worker threads for blocking work (PostgreSQL, Kafka flushes) so gRPC's
// callback threads are never blocked (STYLE.md §5). Sized like the PostgreSQL pool: a worker
// always finds a connection.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tmk::grpcx {

class BlockingExecutor {
 public:
  BlockingExecutor(int threads, int max_queued);
  ~BlockingExecutor();  // finishes queued work, then joins
  BlockingExecutor(const BlockingExecutor&) = delete;
  BlockingExecutor& operator=(const BlockingExecutor&) = delete;

  // False when the queue is full: the caller answers RESOURCE_EXHAUSTED instead of queueing
  // unbounded latency.
  bool TrySubmit(std::function<void()> task);

 private:
  void Work();
  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tmk::grpcx
