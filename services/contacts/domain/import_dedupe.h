#pragma once
// Dedupe of one batch of an import (R1, R2): which rows create a customer and which duplicate a
// stored customer (same normalised phone, matched by blind index, or same external id) or an
// earlier row of the batch, and what the duplicate policy makes of each. Earlier batches are
// already stored when a batch is decided (committed for RESUMABLE, in the same transaction for
// ALL_OR_NOTHING), so the store's answer covers them: nothing has to remember a whole file's keys.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tmk::contacts {

enum class ImportDuplicatePolicy { kSkip, kMerge, kReject };

// A row's dedupe keys, in the order that picks a merge target: its external id first (the CRM's
// own identity), then its phones. E-mail addresses are not keys.
std::string ExternalIdKey(std::string_view external_id);
std::string PhoneKey(std::string_view blind_index);
bool IsPhoneKey(std::string_view key);

struct ImportDecision {
  enum class Kind {
    kCreate,           // a new customer
    kSkip,             // a duplicate, left as it is (SKIP)
    kReject,           // a duplicate reported as a row error (REJECT)
    kMergeIntoRow,     // MERGE into the customer an earlier row of the batch creates
    kMergeIntoStored,  // MERGE into a stored customer
  };
  Kind kind = Kind::kCreate;
  size_t row = 0;           // kMergeIntoRow: that earlier row (which is kCreate)
  std::string customer_id;  // kMergeIntoStored
  std::string matched_key;  // for duplicates: the key that matched first
};

// keys[i]: row i's keys (see above); stored: key -> id of the stored customer that has it.
// A created row claims its keys; a merged row claims its unclaimed keys for its target, so a
// later row with a number the merge added joins the same customer. Skipped and rejected rows
// claim nothing: what they carried was not written.
std::vector<ImportDecision> DecideDuplicates(const std::vector<std::vector<std::string>>& keys,
                                             const std::map<std::string, std::string>& stored,
                                             ImportDuplicatePolicy policy);

}  // namespace tmk::contacts
