#include "services/dialing/store/inbound_queue_store.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/record_column.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

namespace {

std::vector<std::string> UuidsOnly(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    if (Uuid::Parse(id)) out.push_back(id);
  }
  return out;
}

void InsertNumbers(pqxx::work& tx, const v1::InboundQueue& q) {
  tx.exec_params(
      "INSERT INTO inbound_queue_numbers (dialed_number, queue_id)"
      " SELECT n, $2::uuid FROM unnest($1::text[]) AS n",
      pg::ArrayLiteral({q.dialed_numbers().begin(), q.dialed_numbers().end()}), q.queue_id());
}

}  // namespace

void InboundQueueStore::Insert(pqxx::work& tx, const v1::InboundQueue& q) const {
  tx.exec_params(absl::StrCat("INSERT INTO inbound_queues (queue_id, revision, create_time,"
                              " record) VALUES ($1::uuid, $2, ",
                              MicrosToTime(3), ", $4)"),
                 q.queue_id(), q.revision(),
                 google::protobuf::util::TimeUtil::TimestampToMicroseconds(q.create_time()),
                 RecordBytes(q));
  InsertNumbers(tx, q);
}

void InboundQueueStore::Update(pqxx::work& tx, const v1::InboundQueue& q) const {
  tx.exec_params("UPDATE inbound_queues SET revision = $2, record = $3 WHERE queue_id = $1::uuid",
                 q.queue_id(), q.revision(), RecordBytes(q));
  tx.exec_params("DELETE FROM inbound_queue_numbers WHERE queue_id = $1::uuid", q.queue_id());
  InsertNumbers(tx, q);
}

void InboundQueueStore::Delete(pqxx::work& tx, const std::string& queue_id) const {
  tx.exec_params("DELETE FROM inbound_queues WHERE queue_id = $1::uuid", queue_id);
}

std::optional<v1::InboundQueue> InboundQueueStore::Find(pqxx::work& tx,
                                                        const std::string& queue_id,
                                                        bool for_update) const {
  if (!Uuid::Parse(queue_id)) return std::nullopt;
  pqxx::result rows =
      tx.exec_params(std::string("SELECT record FROM inbound_queues WHERE queue_id = $1::uuid") +
                         (for_update ? " FOR UPDATE" : ""),
                     queue_id);
  if (rows.empty()) return std::nullopt;
  return ReadRecord<v1::InboundQueue>(rows[0][0]);
}

std::vector<v1::InboundQueue> InboundQueueStore::List(pqxx::work& tx, const std::string& after_id,
                                                      int limit) const {
  // UUIDv7 ids sort by creation time: the id is the order and the cursor.
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM inbound_queues WHERE ($1 = '' OR queue_id > NULLIF($1, '')::uuid)"
      " ORDER BY queue_id LIMIT $2",
      after_id, limit);
  std::vector<v1::InboundQueue> queues;
  for (const pqxx::row& row : rows) queues.push_back(ReadRecord<v1::InboundQueue>(row[0]));
  return queues;
}

std::map<std::string, std::string> InboundQueueStore::NumbersTaken(
    pqxx::work& tx, const std::vector<std::string>& numbers,
    const std::string& except_queue_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT dialed_number, queue_id::text FROM inbound_queue_numbers"
      " WHERE dialed_number = ANY($1::text[]) AND ($2 = '' OR queue_id <> NULLIF($2, '')::uuid)",
      pg::ArrayLiteral(numbers), except_queue_id);
  std::map<std::string, std::string> taken;
  for (const pqxx::row& row : rows) taken[row[0].as<std::string>()] = row[1].as<std::string>();
  return taken;
}

std::vector<std::string> InboundQueueStore::Missing(pqxx::work& tx,
                                                    const std::vector<std::string>& ids) const {
  const std::vector<std::string> uuids = UuidsOnly(ids);
  pqxx::result rows = tx.exec_params(
      "SELECT queue_id::text FROM inbound_queues WHERE queue_id = ANY($1::uuid[])",
      pg::ArrayLiteral(uuids));
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    bool found = false;
    for (const pqxx::row& row : rows) found = found || row[0].as<std::string>() == id;
    if (!found) missing.push_back(id);
  }
  return missing;
}

std::vector<std::string> InboundQueueStore::OverflowingInto(pqxx::work& tx,
                                                            const std::string& queue_id) const {
  std::vector<std::string> ids;
  for (const v1::InboundQueue& q : List(tx, "", 100000)) {
    if (q.overflow_queue_id() == queue_id) ids.push_back(q.queue_id());
  }
  return ids;
}

void InboundQueueStore::MarkCallQueue(pqxx::work& tx, const std::string& call_id,
                                      const std::string& queue_id) const {
  tx.exec_params("UPDATE calls SET queue_id = $2 WHERE call_id = $1::uuid", call_id, queue_id);
}

std::vector<v1::Call> InboundQueueStore::CallsSince(pqxx::work& tx, const std::string& queue_id,
                                                    TimePoint since) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT record FROM calls WHERE queue_id = $1 AND create_time >= ",
                   MicrosToTime(2), " ORDER BY create_time"),
      queue_id, Micros(since));
  std::vector<v1::Call> calls;
  for (const pqxx::row& row : rows) calls.push_back(ReadRecord<v1::Call>(row[0]));
  return calls;
}

}  // namespace tmk::dialing
