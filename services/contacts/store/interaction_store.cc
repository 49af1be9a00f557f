#include "services/contacts/store/interaction_store.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/pg/array_literal.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kColumns[] =
    "interaction_id::text, customer_id::text, kind, reference_id, service, region_id, call_id,"
    " campaign_id, contact_point_id,"
    " to_char(occur_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), summary,"
    " to_char(create_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

v1::Interaction Read(const pqxx::row& row) {
  v1::Interaction i;
  i.set_interaction_id(row[0].as<std::string>());
  i.set_customer_id(row[1].as<std::string>());
  i.set_kind(static_cast<v1::InteractionKind>(row[2].as<int>()));
  i.set_reference_id(row[3].as<std::string>());
  i.set_service(row[4].as<std::string>());
  i.set_region_id(row[5].as<std::string>());
  i.set_call_id(row[6].as<std::string>());
  i.set_campaign_id(row[7].as<std::string>());
  i.set_contact_point_id(row[8].as<std::string>());
  TimeUtil::FromString(row[9].as<std::string>(), i.mutable_occur_time());
  i.set_summary(row[10].as<std::string>());
  TimeUtil::FromString(row[11].as<std::string>(), i.mutable_create_time());
  return i;
}

std::optional<v1::Interaction> First(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return Read(rows[0]);
}

}  // namespace

std::optional<v1::Interaction> InteractionStore::FindByReference(
    pqxx::work& tx, int kind, const std::string& reference_id) const {
  return First(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM interactions WHERE kind = $1 AND reference_id = $2",
                              kind, reference_id));
}

std::optional<v1::Interaction> InteractionStore::Find(pqxx::work& tx,
                                                      const std::string& interaction_id) const {
  return First(tx.exec_params(
      std::string("SELECT ") + kColumns + " FROM interactions WHERE interaction_id = $1::uuid",
      interaction_id));
}

bool InteractionStore::Insert(pqxx::work& tx, const v1::Interaction& i) const {
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO interactions (interaction_id, customer_id, kind, reference_id, service,"
      " region_id, call_id, campaign_id, contact_point_id, occur_time, summary, create_time)"
      " VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11,"
      " $12::timestamptz) ON CONFLICT (kind, reference_id) DO NOTHING RETURNING 1",
      i.interaction_id(), i.customer_id(), static_cast<int>(i.kind()), i.reference_id(),
      i.service(), i.region_id(), i.call_id(), i.campaign_id(), i.contact_point_id(),
      TimeUtil::ToString(i.occur_time()), i.summary(), TimeUtil::ToString(i.create_time()));
  return !inserted.empty();
}

std::vector<v1::Interaction> InteractionStore::List(pqxx::work& tx, const std::string& customer_id,
                                                    const std::vector<int>& kinds,
                                                    const std::optional<Cursor>& after,
                                                    int limit) const {
  std::vector<std::string> params{customer_id};
  std::string sql = std::string("SELECT ") + kColumns + " FROM interactions WHERE customer_id = $1::uuid";
  if (!kinds.empty()) {
    std::vector<std::string> kind_texts;
    for (int k : kinds) kind_texts.push_back(std::to_string(k));
    params.push_back(pg::ArrayLiteral(kind_texts));
    sql += " AND kind = ANY($2::smallint[])";
  }
  if (after) {
    params.push_back(after->occur_time);
    params.push_back(after->interaction_id);
    sql += " AND (occur_time, interaction_id) < ($" + std::to_string(params.size() - 1) +
           "::timestamptz, $" + std::to_string(params.size()) + "::uuid)";
  }
  sql += " ORDER BY occur_time DESC, interaction_id DESC LIMIT " + std::to_string(limit);
  pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  std::vector<v1::Interaction> out;
  for (const auto& row : rows) out.push_back(Read(row));
  return out;
}

}  // namespace tmk::contacts
