#pragma once
// PostgreSQL access for this region's sharing policy (R6, R32) and the work of republishing every
// owned customer after it changes: the only place with their SQL.
#include <pqxx/pqxx>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/contacts/domain/sharing_policy.h"

namespace tmk::contacts {

struct StoredSharingPolicy {
  SharingPolicy policy;
  std::string etag;
  std::string updated_by;
  int updated_by_role = 0;  // telemarketing.common.v1.Role
  TimePoint update_time;
  HlcTimestamp hlc;
};

class SharingPolicyStore {
 public:
  // The stored policy; nullopt when the region never stored one (the default applies).
  std::optional<StoredSharingPolicy> Load(pqxx::transaction_base& tx) const;
  // Replaces the policy and queues a republish of every owned customer.
  void Save(pqxx::work& tx, const StoredSharingPolicy& stored) const;

  // Keys of the custom attributes defined as personal data (withheld by default).
  std::set<std::string> PersonalAttributeKeys(pqxx::transaction_base& tx) const;

  std::optional<std::string> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  void SaveRequest(pqxx::work& tx, const std::string& request_id,
                   const std::string& fingerprint) const;

  // The republish run in progress: the latest unfinished one (older ones are superseded by it).
  struct Republish {
    long long id = 0;
    std::string after_id;  // "" before the first batch
    long long published = 0;
  };
  std::optional<Republish> PendingRepublish(pqxx::work& tx) const;
  // The next `limit` customers owned by `region` after `after_id`, in id order.
  std::vector<std::string> OwnedIdsAfter(pqxx::work& tx, const std::string& region,
                                         const std::string& after_id, int limit) const;
  // Records a batch; `last_id` "" finishes the run.
  void Advance(pqxx::work& tx, long long republish_id, const std::string& last_id, long long count,
               TimePoint now) const;
};

}  // namespace tmk::contacts
