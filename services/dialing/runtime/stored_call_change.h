#pragma once
// One change to a stored call, in a transaction of its own under the call's row lock: how the
// dialer and the inbound router apply what the telephony port reports (R17, R18), so a late
// event and a wrap-up never overwrite each other.
#include <pqxx/pqxx>

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/store/call_store.h"

namespace tmk::dialing {

using StoredCallChange = std::function<absl::Status(pqxx::work&, CallRow&)>;

// NOT_FOUND for an unknown call; otherwise what `change` answers (an error rolls it back).
absl::Status ChangeStoredCall(pg::PgPool& pool, const CallStore& calls, const std::string& call_id,
                              const StoredCallChange& change);

}  // namespace tmk::dialing
