#include "services/dialing/store/callback_store.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::TimeUtil;

namespace {

std::string Time(const v1::Callback& c) { return TimeUtil::ToString(c.callback_time()); }

v1::Callback Read(const pqxx::field& field) {
  v1::Callback out;
  const std::string bytes = pqxx::binarystring(field).str();
  out.ParseFromString(bytes);
  return out;
}

}  // namespace

bool CallbackStore::Insert(pqxx::work& tx, const v1::Callback& c) const {
  const std::string bytes = c.SerializeAsString();
  return !tx.exec_params(
              "INSERT INTO callbacks (callback_id, lead_id, campaign_id, owner_agent_id, state,"
              " callback_time, record, revision) VALUES ($1::uuid, $2::uuid, $3, $4, $5,"
              " $6::timestamptz, $7, $8) ON CONFLICT (lead_id) WHERE state IN (1, 2, 3)"
              " DO NOTHING RETURNING 1",
              c.callback_id(), c.lead_id(), c.campaign_id(), c.owner_agent_id(),
              static_cast<int>(c.state()), Time(c), pqxx::binarystring(bytes.data(), bytes.size()),
              c.revision())
              .empty();
}

void CallbackStore::Update(pqxx::work& tx, const v1::Callback& c) const {
  const std::string bytes = c.SerializeAsString();
  tx.exec_params(
      "UPDATE callbacks SET owner_agent_id = $2, state = $3, callback_time = $4::timestamptz,"
      " record = $5, revision = $6 WHERE callback_id = $1::uuid",
      c.callback_id(), c.owner_agent_id(), static_cast<int>(c.state()), Time(c),
      pqxx::binarystring(bytes.data(), bytes.size()), c.revision());
}

std::optional<v1::Callback> CallbackStore::Find(pqxx::work& tx, const std::string& callback_id,
                                                bool for_update) const {
  pqxx::result r = tx.exec_params(
      absl::StrCat("SELECT record FROM callbacks WHERE callback_id = $1::uuid",
                   for_update ? " FOR UPDATE" : ""),
      callback_id);
  if (r.empty()) return std::nullopt;
  return Read(r[0][0]);
}

std::optional<v1::Callback> CallbackStore::FindOpenForLead(pqxx::work& tx,
                                                           const std::string& lead_id) const {
  pqxx::result r = tx.exec_params(
      "SELECT record FROM callbacks WHERE lead_id = $1::uuid AND state IN (1, 2, 3) FOR UPDATE",
      lead_id);
  if (r.empty()) return std::nullopt;
  return Read(r[0][0]);
}

std::vector<v1::Callback> CallbackStore::List(pqxx::work& tx, const CallbackFilter& filter,
                                              int limit, const std::string& after_id) const {
  std::vector<std::string> states;
  for (int s : filter.states) states.push_back(std::to_string(s));
  if (states.empty()) states = {"1", "2"};
  // Keyset on (callback_time, callback_id): the cursor is the last callback's id.
  pqxx::result r = tx.exec_params(
      absl::StrCat(
          "SELECT record FROM callbacks WHERE ($1 = '' OR campaign_id = $1)"
          " AND ($2 = '' OR owner_agent_id = $2) AND state = ANY($3::int[])"
          " AND ($4 = '' OR callback_time < ",
          OptionalMicrosToTime(4),
          ") AND ($5 = '' OR (callback_time, callback_id) > (SELECT callback_time, callback_id"
          " FROM callbacks WHERE callback_id = NULLIF($5, '')::uuid))"
          " ORDER BY callback_time, callback_id LIMIT $6"),
      filter.campaign_id, filter.owner_agent_id, pg::ArrayLiteral(states),
      OptionalMicros(filter.due_before), after_id, limit);
  std::vector<v1::Callback> out;
  for (const pqxx::row& row : r) out.push_back(Read(row[0]));
  return out;
}

}  // namespace tmk::dialing
