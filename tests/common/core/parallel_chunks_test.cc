// ParallelChunks (the contacts import's row preparation, R1): every index once, chunks no
// smaller than asked, and a failing chunk's exception reaches the caller after all finished.
#include "services/common/core/parallel_chunks.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace tmk {
namespace {

TEST(ParallelChunksTest, CoversEveryIndexExactlyOnce) {
  for (size_t count : {0u, 1u, 7u, 999u, 1000u, 1001u, 10007u}) {
    std::vector<std::atomic<int>> seen(count);
    ParallelChunks(count, 100, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) ++seen[i];
    });
    for (size_t i = 0; i < count; ++i) EXPECT_EQ(seen[i].load(), 1) << count << " @" << i;
  }
}

TEST(ParallelChunksTest, NeverSplitsBelowTheMinimumChunk) {
  std::mutex mu;
  std::vector<size_t> sizes;
  ParallelChunks(250, 100, [&](size_t begin, size_t end) {
    std::lock_guard<std::mutex> lock(mu);
    sizes.push_back(end - begin);
  });
  ASSERT_FALSE(sizes.empty());
  ASSERT_LE(sizes.size(), 2u);  // 250 items hold two chunks of 100 at most
  for (size_t size : sizes) EXPECT_GE(size, 100u);
}

TEST(ParallelChunksTest, RethrowsAChunksFailureAfterEveryChunkFinished) {
  std::atomic<size_t> done{0}, failed{0};
  EXPECT_THROW(ParallelChunks(4000, 1000,
                              [&](size_t begin, size_t end) {
                                if (begin == 0) {
                                  failed = end - begin;
                                  throw std::runtime_error("bad row");
                                }
                                done += end - begin;
                              }),
               std::runtime_error);
  // The other chunks ran to their end before the exception came back.
  EXPECT_EQ(done.load() + failed.load(), 4000u);
}

}  // namespace
}  // namespace tmk
