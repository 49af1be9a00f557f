#include "services/common/core/parallel_chunks.h"

#include <algorithm>
#include <exception>
#include <future>
#include <thread>
#include <vector>

namespace tmk {

void ParallelChunks(size_t count, size_t min_chunk,
                    const std::function<void(size_t begin, size_t end)>& work) {
  if (count == 0) return;
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t chunks = std::clamp<size_t>(count / std::max<size_t>(min_chunk, 1), 1, cores);
  const size_t size = (count + chunks - 1) / chunks;
  std::vector<std::future<void>> others;
  for (size_t begin = size; begin < count; begin += size) {
    others.push_back(std::async(std::launch::async, work, begin, std::min(count, begin + size)));
  }
  std::exception_ptr failure;
  try {
    work(0, std::min(count, size));
  } catch (...) {
    failure = std::current_exception();
  }
  for (std::future<void>& other : others) {
    try {
      other.get();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tmk
