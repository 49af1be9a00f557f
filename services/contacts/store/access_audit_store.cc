#include "services/contacts/store/access_audit_store.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/pg/array_literal.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

std::vector<std::string> Split(const std::string& joined) {
  return absl::StrSplit(joined, ',', absl::SkipEmpty());
}

}  // namespace

void AccessAuditStore::Append(pqxx::work& tx, const std::vector<v1::AccessAuditEntry>& entries,
                              const std::vector<std::string>& actor_roles) const {
  if (entries.empty()) return;
  // One array per column, unnested together; field paths and role names hold no commas.
  std::vector<std::string> ids, customers, actors, actor_regions, kinds, methods, revealed,
      calls, campaigns, reasons, times, regions, peers;
  for (const v1::AccessAuditEntry& e : entries) {
    ids.push_back(e.entry_id());
    customers.push_back(e.customer_id());
    actors.push_back(e.actor().actor_id());
    actor_regions.push_back(e.actor().region_id());
    kinds.push_back(std::to_string(static_cast<int>(e.kind())));
    methods.push_back(e.method());
    revealed.push_back(absl::StrJoin(e.revealed_fields(), ","));
    calls.push_back(e.call_id());
    campaigns.push_back(e.campaign_id());
    reasons.push_back(e.reason());
    times.push_back(TimeUtil::ToString(e.access_time()));
    regions.push_back(e.region_id());
    peers.push_back(e.peer());
  }
  tx.exec_params(
      "INSERT INTO access_audit (entry_id, customer_id, actor_id, actor_roles, actor_region, kind,"
      " method, revealed_fields, call_id, campaign_id, reason, access_time, region_id, peer)"
      " SELECT e, c, a, $14::text[], ar, k, m, string_to_array(r, ','), ca, cp, re, t, rg, p"
      " FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::text[],"
      " $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[],"
      " $13::text[]) AS u(e, c, a, ar, k, m, r, ca, cp, re, t, rg, p)",
      pg::ArrayLiteral(ids), pg::ArrayLiteral(customers), pg::ArrayLiteral(actors),
      pg::ArrayLiteral(actor_regions), pg::ArrayLiteral(kinds), pg::ArrayLiteral(methods),
      pg::ArrayLiteral(revealed), pg::ArrayLiteral(calls), pg::ArrayLiteral(campaigns),
      pg::ArrayLiteral(reasons), pg::ArrayLiteral(times), pg::ArrayLiteral(regions),
      pg::ArrayLiteral(peers), pg::ArrayLiteral(actor_roles));
}

std::vector<AccessAuditStore::Listed> AccessAuditStore::List(pqxx::work& tx,
                                                             const Filter& f) const {
  pqxx::result rows = tx.exec_params(
      "SELECT entry_id::text, customer_id::text, actor_id, array_to_string(actor_roles, ','),"
      " actor_region, kind, method, array_to_string(revealed_fields, ','), call_id, campaign_id,"
      " reason, (extract(epoch FROM access_time) * 1000000)::bigint, region_id, peer"
      " FROM access_audit"
      " WHERE ($1 = '' OR customer_id = NULLIF($1, '')::uuid)"
      " AND ($2 = '' OR actor_id = $2)"
      " AND ($3 = '' OR access_time >= NULLIF($3, '')::timestamptz)"
      " AND ($4 = '' OR access_time < NULLIF($4, '')::timestamptz)"
      " AND ($5 = '' OR entry_id < NULLIF($5, '')::uuid)"
      " ORDER BY entry_id DESC LIMIT $6",
      f.customer_id, f.actor_id, f.start_time, f.end_time, f.before_entry_id, f.limit);
  std::vector<Listed> out;
  for (const auto& row : rows) {
    Listed& listed = out.emplace_back();
    v1::AccessAuditEntry& e = listed.entry;
    e.set_entry_id(row[0].as<std::string>());
    e.set_customer_id(row[1].as<std::string>());
    e.mutable_actor()->set_actor_id(row[2].as<std::string>());
    listed.actor_roles = Split(row[3].as<std::string>());
    e.mutable_actor()->set_region_id(row[4].as<std::string>());
    e.set_kind(static_cast<v1::AccessKind>(row[5].as<int>()));
    e.set_method(row[6].as<std::string>());
    for (std::string& path : Split(row[7].as<std::string>())) {
      e.add_revealed_fields(std::move(path));
    }
    e.set_call_id(row[8].as<std::string>());
    e.set_campaign_id(row[9].as<std::string>());
    e.set_reason(row[10].as<std::string>());
    *e.mutable_access_time() = TimeUtil::MicrosecondsToTimestamp(row[11].as<long long>());
    e.set_region_id(row[12].as<std::string>());
    e.set_peer(row[13].as<std::string>());
  }
  return out;
}

}  // namespace tmk::contacts
