#include "services/dialing/store/order_store.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/dialing/store/record_column.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

void OrderStore::Insert(pqxx::work& tx, const v1::Order& o) const {
  tx.exec_params(
      absl::StrCat("INSERT INTO orders (order_id, call_id, campaign_id, customer_id, agent_id,"
                   " state, create_time, record) VALUES ($1::uuid, $2, $3, $4, $5, $6, ",
                   MicrosToTime(7), ", $8)"),
      o.order_id(), o.call_id(), o.campaign_id(), o.customer_id(), o.agent_id(),
      static_cast<int>(o.state()), TimeUtil::TimestampToMicroseconds(o.create_time()),
      RecordBytes(o));
}

void OrderStore::Update(pqxx::work& tx, const v1::Order& o) const {
  tx.exec_params("UPDATE orders SET state = $2, record = $3 WHERE order_id = $1::uuid",
                 o.order_id(), static_cast<int>(o.state()), RecordBytes(o));
}

std::optional<v1::Order> OrderStore::Find(pqxx::work& tx, const std::string& order_id,
                                          bool for_update) const {
  if (!Uuid::Parse(order_id)) return std::nullopt;
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT record FROM orders WHERE order_id = $1::uuid",
                   for_update ? " FOR UPDATE" : ""),
      order_id);
  if (r.empty()) return std::nullopt;
  return ReadRecord<v1::Order>(r[0][0]);
}

std::optional<v1::Order> OrderStore::FindByCall(pqxx::work& tx, const std::string& call_id) const {
  pqxx::result r = tx.exec_params("SELECT record FROM orders WHERE call_id = $1", call_id);
  if (r.empty()) return std::nullopt;
  return ReadRecord<v1::Order>(r[0][0]);
}

std::vector<v1::Order> OrderStore::List(pqxx::work& tx, const std::string& campaign_id, int limit,
                                        const std::string& after_order_id) const {
  pqxx::result r = tx.exec_params(
      "SELECT record FROM orders WHERE ($1 = '' OR campaign_id = $1) AND ($2 = '' OR"
      " (create_time, order_id) < (SELECT create_time, order_id FROM orders"
      " WHERE order_id = NULLIF($2, '')::uuid)) ORDER BY create_time DESC, order_id DESC LIMIT $3",
      campaign_id, after_order_id, limit);
  std::vector<v1::Order> out;
  for (const pqxx::row& row : r) out.push_back(ReadRecord<v1::Order>(row[0]));
  return out;
}

}  // namespace tmk::dialing
