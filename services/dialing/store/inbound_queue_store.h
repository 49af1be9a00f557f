#pragma once
// PostgreSQL access for inbound queues (R18): the only place with their SQL. A dialed number
// belongs to one queue (the database says so too); inbound calls are marked with their queue in
// `calls`, which queue status reads back for the day's figures.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "telemarketing/dialing/v1/call.pb.h"
#include "telemarketing/dialing/v1/inbound_queue.pb.h"

namespace tmk::dialing {

class InboundQueueStore {
 public:
  void Insert(pqxx::work& tx, const telemarketing::dialing::v1::InboundQueue& queue) const;
  // Rewrites the record and the queue's numbers; the caller has bumped revision and update_time.
  void Update(pqxx::work& tx, const telemarketing::dialing::v1::InboundQueue& queue) const;
  void Delete(pqxx::work& tx, const std::string& queue_id) const;
  // Nothing for an unknown id, including one that is not a UUID.
  std::optional<telemarketing::dialing::v1::InboundQueue> Find(pqxx::work& tx,
                                                               const std::string& queue_id,
                                                               bool for_update = false) const;
  // Oldest first, strictly after `after_id` when it is set.
  std::vector<telemarketing::dialing::v1::InboundQueue> List(pqxx::work& tx,
                                                             const std::string& after_id,
                                                             int limit) const;
  // Of `numbers`, those another queue than `except_queue_id` answers, with that queue.
  std::map<std::string, std::string> NumbersTaken(pqxx::work& tx,
                                                  const std::vector<std::string>& numbers,
                                                  const std::string& except_queue_id) const;
  // Of `queue_ids`, those that do not exist.
  std::vector<std::string> Missing(pqxx::work& tx, const std::vector<std::string>& queue_ids) const;
  // The queues that overflow into `queue_id`.
  std::vector<std::string> OverflowingInto(pqxx::work& tx, const std::string& queue_id) const;

  // ---- Calls of the queues. ----
  // Marks an inbound call (already inserted) as the queue's.
  void MarkCallQueue(pqxx::work& tx, const std::string& call_id,
                     const std::string& queue_id) const;
  // The queue's calls created at or after `since`, oldest first.
  std::vector<telemarketing::dialing::v1::Call> CallsSince(pqxx::work& tx,
                                                           const std::string& queue_id,
                                                           TimePoint since) const;
};

}  // namespace tmk::dialing
