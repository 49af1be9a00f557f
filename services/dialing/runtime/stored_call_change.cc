#include "services/dialing/runtime/stored_call_change.h"

#include "absl/strings/str_cat.h"

namespace tmk::dialing {

absl::Status ChangeStoredCall(pg::PgPool& pool, const CallStore& calls, const std::string& call_id,
                              const StoredCallChange& change) {
  return pool.Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<CallRow> row = calls.Find(tx, call_id, /*for_update=*/true);
    if (!row) return absl::NotFoundError(absl::StrCat("call ", call_id, " not found"));
    return change(tx, *row);
  });
}

}  // namespace tmk::dialing
