#include "services/contacts/domain/import_dedupe.h"

#include <unordered_map>

namespace tmk::contacts {

std::string ExternalIdKey(std::string_view external_id) {
  return std::string("x").append(external_id);
}

std::string PhoneKey(std::string_view blind_index) { return std::string("p").append(blind_index); }

bool IsPhoneKey(std::string_view key) { return !key.empty() && key[0] == 'p'; }

std::vector<ImportDecision> DecideDuplicates(const std::vector<std::vector<std::string>>& keys,
                                             const std::map<std::string, std::string>& stored,
                                             ImportDuplicatePolicy policy) {
  // What a key of this batch already leads to: a creating row, or a stored customer.
  struct Target {
    bool row = false;
    size_t index = 0;
    std::string customer_id;
  };
  std::unordered_map<std::string, Target> claimed;
  std::vector<ImportDecision> decisions(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    ImportDecision& d = decisions[i];
    const Target* target = nullptr;
    Target from_store;
    for (const std::string& key : keys[i]) {
      if (auto at = claimed.find(key); at != claimed.end()) {
        target = &at->second;
      } else if (auto in = stored.find(key); in != stored.end()) {
        from_store = Target{false, 0, in->second};
        target = &from_store;
      }
      if (target != nullptr) {
        d.matched_key = key;
        break;
      }
    }
    if (target == nullptr) {
      d.kind = ImportDecision::Kind::kCreate;
      for (const std::string& key : keys[i]) claimed.emplace(key, Target{true, i, ""});
      continue;
    }
    if (policy != ImportDuplicatePolicy::kMerge) {
      d.kind = policy == ImportDuplicatePolicy::kSkip ? ImportDecision::Kind::kSkip
                                                      : ImportDecision::Kind::kReject;
      continue;
    }
    const Target chosen = *target;  // copied: claiming below may rehash `claimed`
    if (chosen.row) {
      d.kind = ImportDecision::Kind::kMergeIntoRow;
      d.row = chosen.index;
    } else {
      d.kind = ImportDecision::Kind::kMergeIntoStored;
      d.customer_id = chosen.customer_id;
    }
    for (const std::string& key : keys[i]) claimed.emplace(key, chosen);
  }
  return decisions;
}

}  // namespace tmk::contacts
