#pragma once
// CPU-bound work over many independent items spread over the machine's cores (the contacts
// import converts and seals thousands of rows per batch, R1): the items split into contiguous
// chunks, one per core but never smaller than `min_chunk`, the first run on the calling thread.
#include <cstddef>
#include <functional>

namespace tmk {

// Calls `work(begin, end)` once per chunk of [0, count), the chunks together covering every
// index exactly once, and returns when all are done. An exception thrown by a chunk is rethrown
// here, after every chunk finished.
void ParallelChunks(size_t count, size_t min_chunk,
                    const std::function<void(size_t begin, size_t end)>& work);

}  // namespace tmk
