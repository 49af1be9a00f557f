#include "services/reporting/domain/conflict_rounds.h"

#include <map>

namespace tmk::reporting {

std::vector<std::vector<size_t>> ConflictRounds(const std::vector<std::string>& keys) {
  std::vector<std::vector<size_t>> rounds;
  std::map<std::string, size_t> seen;  // occurrences so far per key
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t round = seen[keys[i]]++;
    if (round == rounds.size()) rounds.emplace_back();
    rounds[round].push_back(i);
  }
  return rounds;
}

}  // namespace tmk::reporting
