#pragma once
// Splits a batch's rows into rounds that each hold a key at most once (R26-R29 throughput): one
// INSERT ... ON CONFLICT DO UPDATE may not touch a row twice, so rows merged by SQL (the newest
// wins, stages accumulate) go in one statement per round instead of one per row. A batch rarely
// repeats a key, so it is mostly one round; rows of one key keep their order across rounds, so
// the merges see them exactly as they would one by one.
#include <cstddef>
#include <string>
#include <vector>

namespace tmk::reporting {

// The indexes of `keys`, round by round: round k holds each key's (k+1)-th occurrence.
std::vector<std::vector<size_t>> ConflictRounds(const std::vector<std::string>& keys);

}  // namespace tmk::reporting
