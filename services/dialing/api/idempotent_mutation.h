#pragma once
// One mutation in one transaction, idempotent by request_id (AIP-155), for any dialing resource:
// a retry with the same request answers with the resource the first one produced, a reuse of the
// key with another request is ALREADY_EXISTS (REQUEST_ID_REUSED), and a new change is remembered
// under its key. SessionApi::Mutate is the same rule for sessions.
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/store/request_records.h"

namespace tmk::dialing {

template <typename Resource>
struct IdempotentMutation {
  std::string verb;  // the RPC, so keys of different RPCs never collide
  std::string request_id;
  std::string fingerprint;
  // The resource a remembered key names, for the replayed answer.
  std::function<absl::StatusOr<Resource>(pqxx::work&, const std::string& id)> load;
  std::function<absl::StatusOr<Resource>(pqxx::work&)> change;
  std::function<std::string(const Resource&)> id_of;
};

template <typename Resource>
absl::Status MutateOnce(pg::PgPool& pool, const RequestRecords& records,
                        const IdempotentMutation<Resource>& m, Resource& out) {
  return pool.Transact([&](pqxx::work& tx) -> absl::Status {
    if (!m.request_id.empty()) {
      if (std::optional<RequestRecords::Record> earlier = records.Find(tx, m.verb, m.request_id)) {
        if (earlier->fingerprint != m.fingerprint) return grpcx::ReusedRequestId();
        absl::StatusOr<Resource> replayed = m.load(tx, earlier->resource_id);
        if (!replayed.ok()) return replayed.status();
        out = *std::move(replayed);
        return absl::OkStatus();
      }
    }
    absl::StatusOr<Resource> changed = m.change(tx);
    if (!changed.ok()) return changed.status();
    if (!m.request_id.empty()) {
      records.Save(tx, m.verb, m.request_id, {m.id_of(*changed), m.fingerprint});
    }
    out = *std::move(changed);
    return absl::OkStatus();
  });
}

}  // namespace tmk::dialing
