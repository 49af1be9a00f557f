#include "services/dialing/store/customer_callability_store.h"

#include "absl/strings/str_cat.h"
#include "services/common/pg/array_literal.h"
#include "services/dialing/store/time_columns.h"

namespace tmk::dialing {
namespace {

// The ON CONFLICT guard: strictly newer wins. hlc_node is COLLATE "C", as HlcTimestamp orders.
std::string NewerThan(const std::string& table) {
  return absl::StrCat(" WHERE (", table, ".hlc_wall_millis, ", table, ".hlc_logical, ", table,
                      ".hlc_node) < (EXCLUDED.hlc_wall_millis, EXCLUDED.hlc_logical,"
                      " EXCLUDED.hlc_node)");
}

constexpr char kHlcUpdate[] =
    "hlc_wall_millis = EXCLUDED.hlc_wall_millis, hlc_logical = EXCLUDED.hlc_logical,"
    " hlc_node = EXCLUDED.hlc_node";

bool WriteCustomer(pqxx::work& tx, const CustomerProjectionRow& row, bool deleted) {
  pqxx::result written = tx.exec_params(
      absl::StrCat(
          "INSERT INTO customer_projection (customer_id, region, deleted, kind, vip_tier,"
          " time_zone, hlc_wall_millis, hlc_logical, hlc_node, update_time) VALUES ($1, $2, $3,"
          " $4, $5, $6, $7, $8, $9, now()) ON CONFLICT (customer_id) DO UPDATE SET"
          " region = EXCLUDED.region, deleted = EXCLUDED.deleted, kind = EXCLUDED.kind,"
          " vip_tier = EXCLUDED.vip_tier, time_zone = EXCLUDED.time_zone, ",
          kHlcUpdate, ", update_time = EXCLUDED.update_time", NewerThan("customer_projection"),
          " RETURNING 1"),
      row.customer_id, row.region, deleted, row.kind, row.vip_tier, row.time_zone,
      row.hlc.wall_millis, static_cast<long long>(row.hlc.logical), row.hlc.node);
  if (written.empty()) return false;
  tx.exec_params("DELETE FROM customer_phones WHERE customer_id = $1", row.customer_id);
  for (size_t i = 0; i < row.phones.size(); ++i) {
    const ProjectedPhone& p = row.phones[i];
    tx.exec_params(
        "INSERT INTO customer_phones (customer_id, contact_point_id, rank, status, e164)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        row.customer_id, p.contact_point_id, static_cast<int>(i), static_cast<int>(p.status),
        p.e164);
  }
  return true;
}

}  // namespace

bool CustomerCallabilityStore::UpsertCustomer(pqxx::work& tx,
                                              const CustomerProjectionRow& row) const {
  return WriteCustomer(tx, row, /*deleted=*/false);
}

bool CustomerCallabilityStore::DeleteCustomer(pqxx::work& tx, const std::string& customer_id,
                                              const std::string& region,
                                              const HlcTimestamp& tombstone) const {
  CustomerProjectionRow row;
  row.customer_id = customer_id;
  row.region = region;
  row.hlc = tombstone;
  return WriteCustomer(tx, row, /*deleted=*/true);
}

bool CustomerCallabilityStore::UpsertConsent(pqxx::work& tx,
                                             const ConsentProjectionRow& row) const {
  return !tx.exec_params(
              absl::StrCat(
                  "INSERT INTO consent_projection (customer_id, channel, purpose, state,"
                  " effective_time, expire_time, hlc_wall_millis, hlc_logical, hlc_node) VALUES"
                  " ($1, $2, $3, $4, ",
                  MicrosToTime(5), ", ", OptionalMicrosToTime(6),
                  ", $7, $8, $9) ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET"
                  " state = EXCLUDED.state, effective_time = EXCLUDED.effective_time,"
                  " expire_time = EXCLUDED.expire_time, ",
                  kHlcUpdate, NewerThan("consent_projection"), " RETURNING 1"),
              row.customer_id, row.channel, row.purpose, row.state, Micros(row.effective_time),
              OptionalMicros(row.expire_time), row.hlc.wall_millis,
              static_cast<long long>(row.hlc.logical), row.hlc.node)
              .empty();
}

bool CustomerCallabilityStore::UpsertDnc(pqxx::work& tx, const DncProjectionRow& row) const {
  return !tx.exec_params(
              absl::StrCat(
                  "INSERT INTO dnc_projection (dnc_entry_id, scope, region, campaign_id,"
                  " customer_id, e164, channel, expire_time, removed, hlc_wall_millis,"
                  " hlc_logical, hlc_node) VALUES ($1, $2, $3, $4, $5, $6, $7, ",
                  OptionalMicrosToTime(8),
                  ", $9, $10, $11, $12) ON CONFLICT (dnc_entry_id) DO UPDATE SET"
                  " scope = EXCLUDED.scope, region = EXCLUDED.region,"
                  " campaign_id = EXCLUDED.campaign_id, customer_id = EXCLUDED.customer_id,"
                  " e164 = EXCLUDED.e164, channel = EXCLUDED.channel,"
                  " expire_time = EXCLUDED.expire_time, removed = EXCLUDED.removed, ",
                  kHlcUpdate, NewerThan("dnc_projection"), " RETURNING 1"),
              row.dnc_entry_id, row.scope, row.region, row.campaign_id, row.customer_id,
              row.e164, row.channel, OptionalMicros(row.expire_time), row.removed,
              row.hlc.wall_millis, static_cast<long long>(row.hlc.logical), row.hlc.node)
              .empty();
}

std::vector<std::string> CustomerCallabilityStore::CustomersOf(pqxx::work& tx,
                                                               const DncProjectionRow& row) const {
  std::vector<std::string> out;
  if (!row.customer_id.empty()) out.push_back(row.customer_id);
  if (row.e164.empty()) return out;
  for (const pqxx::row& r : tx.exec_params(
           "SELECT DISTINCT customer_id FROM customer_phones WHERE e164 = $1 AND customer_id <> $2",
           row.e164, row.customer_id)) {
    out.push_back(r[0].as<std::string>());
  }
  return out;
}

std::map<std::string, CustomerProjection> CustomerCallabilityStore::Find(
    pqxx::work& tx, const std::vector<std::string>& customer_ids) const {
  std::map<std::string, CustomerProjection> out;
  if (customer_ids.empty()) return out;
  const std::string ids = pg::ArrayLiteral(customer_ids);
  for (const pqxx::row& r : tx.exec_params(
           "SELECT customer_id, kind, vip_tier, time_zone FROM customer_projection"
           " WHERE customer_id = ANY($1::text[]) AND NOT deleted",
           ids)) {
    CustomerProjection& c = out[r[0].as<std::string>()];
    c.kind = r[1].as<int>();
    c.vip_tier = r[2].as<int>();
    c.time_zone = r[3].as<std::string>();
    c.facts.known = true;
  }
  for (const pqxx::row& r : tx.exec_params(
           "SELECT customer_id, contact_point_id, status, e164 FROM customer_phones"
           " WHERE customer_id = ANY($1::text[]) ORDER BY customer_id, rank",
           ids)) {
    auto c = out.find(r[0].as<std::string>());
    if (c == out.end()) continue;
    c->second.facts.phones.push_back({r[1].as<std::string>(),
                                      static_cast<ContactPointStatus>(r[2].as<int>()),
                                      r[3].as<std::string>()});
  }
  for (const pqxx::row& r : tx.exec_params(
           absl::StrCat("SELECT customer_id, channel, purpose, state, ",
                        TimeToMicros("effective_time"), ", ", TimeToMicros("expire_time"),
                        ", hlc_wall_millis, hlc_logical, hlc_node FROM consent_projection"
                        " WHERE customer_id = ANY($1::text[])"),
           ids)) {
    auto c = out.find(r[0].as<std::string>());
    if (c == out.end()) continue;
    CustomerContactFacts::Consent consent;
    consent.channel = static_cast<contacts::ContactChannel>(r[1].as<int>());
    consent.purpose = static_cast<contacts::ContactPurpose>(r[2].as<int>());
    consent.fact.state = static_cast<contacts::ConsentState>(r[3].as<int>());
    consent.fact.effective_time = ReadTime(r[4]);
    consent.fact.expire_time = ReadOptionalTime(r[5]);
    consent.fact.hlc = HlcTimestamp{r[6].as<int64_t>(), static_cast<uint32_t>(r[7].as<int64_t>()),
                                    r[8].as<std::string>()};
    c->second.facts.consents.push_back(consent);
  }
  // Entries naming the customer, or one of the customer's numbers: two index lookups, not a
  // join on either.
  for (const pqxx::row& r : tx.exec_params(
           absl::StrCat(
               "SELECT d.customer_id, d.dnc_entry_id, d.scope, d.region, d.campaign_id, d.channel, ",
               TimeToMicros("d.expire_time"),
               ", d.removed, '' FROM dnc_projection d WHERE d.customer_id = ANY($1::text[])"
               " AND NOT d.removed UNION ALL SELECT ph.customer_id, d.dnc_entry_id, d.scope,"
               " d.region, d.campaign_id, d.channel, ",
               TimeToMicros("d.expire_time"),
               ", d.removed, d.e164 FROM customer_phones ph JOIN dnc_projection d"
               " ON d.e164 = ph.e164 WHERE ph.customer_id = ANY($1::text[]) AND ph.e164 <> ''"
               " AND d.e164 <> '' AND d.customer_id <> ph.customer_id AND NOT d.removed"),
           ids)) {
    auto c = out.find(r[0].as<std::string>());
    if (c == out.end()) continue;
    contacts::DncFact entry;
    entry.dnc_entry_id = r[1].as<std::string>();
    entry.scope = static_cast<contacts::DncScope>(r[2].as<int>());
    entry.region_id = r[3].as<std::string>();
    entry.campaign_id = r[4].as<std::string>();
    entry.channel = static_cast<contacts::ContactChannel>(r[5].as<int>());
    entry.expire_time = ReadOptionalTime(r[6]);
    entry.lifted = r[7].as<bool>();
    c->second.facts.dnc.push_back(entry);
    c->second.facts.dnc_numbers.push_back(r[8].as<std::string>());
  }
  return out;
}

}  // namespace tmk::dialing
