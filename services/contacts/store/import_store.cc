#include "services/contacts/store/import_store.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <tuple>

#include "services/common/pg/array_literal.h"
#include "services/contacts/domain/import_dedupe.h"
#include "services/contacts/store/bytea.h"
#include "services/contacts/store/customer_columns.h"
#include "telemarketing/contacts/v1/segment.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

// COPY column lists, in the order Seal and OutboxRow build their rows.
const std::vector<std::string> kCustomerColumns = {
    "customer_id", "region_id", "name_index", "kind", "vip_tier", "gender", "birth_year",
    "province_code", "city_code", "tags", "record", "hlc_wall_millis", "hlc_logical", "hlc_node",
    "create_time", "update_time", "marital_status", "income_band", "occupation", "company_name",
    "external_id", "district_code", "attributes"};
const std::vector<std::string> kPointColumns = {
    "contact_point_id", "customer_id", "position", "type", "sealed_value", "value_index", "status",
    "source", "is_primary", "create_time"};
const std::vector<std::string> kOutboxColumns = {
    "event_id", "topic", "message_key", "event_type", "subject", "occurred_at", "payload"};

v1::ImportJob ParseJob(const pqxx::field& field) {
  v1::ImportJob job;
  if (!job.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("import job record does not parse");
  }
  return job;
}

}  // namespace

std::optional<v1::ImportJob> ImportStore::Find(pqxx::transaction_base& tx,
                                               const std::string& job_id) const {
  pqxx::result rows =
      tx.exec_params("SELECT record FROM import_jobs WHERE import_job_id = $1::uuid", job_id);
  if (rows.empty()) return std::nullopt;
  return ParseJob(rows[0][0]);
}

std::optional<v1::ImportJob> ImportStore::FindByRequestId(pqxx::transaction_base& tx,
                                                          const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT record FROM import_jobs WHERE request_id = $1 AND request_id <> ''", request_id);
  if (rows.empty()) return std::nullopt;
  return ParseJob(rows[0][0]);
}

void ImportStore::Save(pqxx::transaction_base& tx, const v1::ImportJob& job) const {
  std::string bytes = job.SerializeAsString();
  tx.exec_params(
      "INSERT INTO import_jobs (import_job_id, request_id, state, record)"
      " VALUES ($1::uuid, $2, $3, $4)"
      " ON CONFLICT (import_job_id) DO UPDATE SET state = EXCLUDED.state, record = EXCLUDED.record",
      job.import_job_id(), job.spec().request_id(), static_cast<int>(job.state()),
      pqxx::binarystring(bytes.data(), bytes.size()));
}

std::vector<v1::ImportJob> ImportStore::List(pqxx::transaction_base& tx,
                                             const std::string& before_id, int limit) const {
  pqxx::result rows =
      before_id.empty()
          ? tx.exec_params("SELECT record FROM import_jobs ORDER BY import_job_id DESC LIMIT $1",
                           limit)
          : tx.exec_params(
                "SELECT record FROM import_jobs WHERE import_job_id < $1::uuid"
                " ORDER BY import_job_id DESC LIMIT $2",
                before_id, limit);
  std::vector<v1::ImportJob> out;
  for (const auto& row : rows) out.push_back(ParseJob(row[0]));
  return out;
}

void ImportStore::AppendErrors(pqxx::transaction_base& tx, const std::string& job_id,
                               const std::vector<v1::ImportRowError>& errors) const {
  if (errors.empty()) return;
  pqxx::stream_to stream(tx, "import_row_errors",
                         std::vector<std::string>{"import_job_id", "line_number", "seq",
                                                  "column_name", "field_path", "reason",
                                                  "message"});
  long long line = -1;
  int seq = 0;
  for (const v1::ImportRowError& e : errors) {
    seq = e.line_number() == line ? seq + 1 : 0;
    line = e.line_number();
    pg::CopyRow row;
    row.Text(job_id).Int(line).Int(seq).Text(e.column()).Text(e.field_path()).Int(e.reason());
    stream << std::tie(row.Text(e.message()));
  }
  stream.complete();
}

std::vector<v1::ImportRowError> ImportStore::ListErrors(pqxx::transaction_base& tx,
                                                        const std::string& job_id,
                                                        ErrorCursor after, int limit,
                                                        std::vector<ErrorCursor>* cursors) const {
  pqxx::result rows = tx.exec_params(
      "SELECT line_number, seq, column_name, field_path, reason, message FROM import_row_errors"
      " WHERE import_job_id = $1::uuid AND (line_number, seq) > ($2, $3)"
      " ORDER BY line_number, seq LIMIT $4",
      job_id, after.line_number, after.seq, limit);
  std::vector<v1::ImportRowError> out;
  for (const auto& row : rows) {
    v1::ImportRowError e;
    e.set_line_number(row[0].as<long long>());
    e.set_column(row[2].as<std::string>());
    e.set_field_path(row[3].as<std::string>());
    e.set_reason(static_cast<v1::ImportRowErrorReason>(row[4].as<int>()));
    e.set_message(row[5].as<std::string>());
    out.push_back(std::move(e));
    if (cursors) cursors->push_back({row[0].as<long long>(), row[1].as<int>()});
  }
  return out;
}

std::map<std::string, std::string> ImportStore::StoredOwners(
    pqxx::transaction_base& tx, const std::vector<std::string>& phone_indexes,
    const std::vector<std::string>& external_ids) const {
  std::map<std::string, std::string> owners;
  if (!phone_indexes.empty()) {
    pqxx::result rows = tx.exec_params(
        "SELECT DISTINCT ON (value_index) value_index, customer_id::text FROM contact_points"
        " WHERE value_index = ANY($1::bytea[]) ORDER BY value_index, customer_id",
        ByteaArrayLiteral(phone_indexes));
    for (const auto& row : rows) {
      owners.emplace(PhoneKey(pqxx::binarystring(row[0]).str()), row[1].as<std::string>());
    }
  }
  if (!external_ids.empty()) {
    pqxx::result rows = tx.exec_params(
        "SELECT DISTINCT ON (external_id) external_id, customer_id::text FROM customers"
        " WHERE external_id <> '' AND external_id = ANY($1::text[])"
        " ORDER BY external_id, customer_id",
        pg::ArrayLiteral(external_ids));
    for (const auto& row : rows) {
      owners.emplace(ExternalIdKey(row[0].as<std::string>()), row[1].as<std::string>());
    }
  }
  return owners;
}

ImportStore::SealedCustomer ImportStore::Seal(const v1::Customer& c) const {
  SealedCustomer sealed;
  const std::string time = TimeUtil::ToString(c.create_time());
  pg::CopyRow customer;  // kCustomerColumns' order
  customer.Text(c.customer_id()).Text(c.region_id()).Bytea(cipher_.NameIndex(c.display_name()));
  customer.Int(c.kind()).Int(c.vip_tier()).Int(c.gender());
  if (c.birth_year() != 0) {
    customer.Int(c.birth_year());
  } else {
    customer.Null();  // unknown, as CustomerStore writes it
  }
  customer.Text(c.residence().province_code()).Text(c.residence().city_code()).Text(TagsArray(c));
  customer.Bytea(cipher_.SealCustomer(c));
  customer.Int(c.hlc().wall_time_millis()).Int(c.hlc().logical()).Text(c.hlc().node());
  customer.Text(time).Text(time).Int(c.marital_status()).Int(c.income_band());
  customer.Text(c.occupation()).Text(c.company_name()).Text(c.external_id());
  customer.Text(c.residence().district_code()).Text(AttributesJson(c));
  sealed.customer = std::move(customer);
  sealed.points.reserve(c.contact_points_size());
  for (int i = 0; i < c.contact_points_size(); ++i) {
    const v1::ContactPoint& p = c.contact_points(i);
    pg::CopyRow point;  // kPointColumns' order
    point.Text(p.contact_point_id()).Text(c.customer_id()).Int(i).Int(p.type());
    point.Bytea(cipher_.SealContactPoint(c.customer_id(), p));
    point.Bytea(cipher_.ContactIndex(p.normalized_value()));
    point.Int(p.status()).Text(p.source()).Bool(p.primary());
    point.Text(TimeUtil::ToString(p.create_time()));
    sealed.points.push_back(std::move(point));
  }
  return sealed;
}

pg::CopyRow ImportStore::OutboxRow(const events::OutboundEvent& e) {
  long long micros =
      std::chrono::duration_cast<std::chrono::microseconds>(e.time.time_since_epoch()).count();
  pg::CopyRow row;  // kOutboxColumns' order
  row.Text(e.id).Text(e.topic).Text(e.key).Text(e.type).Text(e.subject);
  row.Text(TimeUtil::ToString(TimeUtil::MicrosecondsToTimestamp(micros))).Bytea(e.payload);
  return row;
}

void ImportStore::CopySealed(pqxx::transaction_base& tx,
                             const std::vector<const SealedCustomer*>& customers,
                             const std::vector<const pg::CopyRow*>& events) const {
  if (!customers.empty()) {
    pqxx::stream_to stream(tx, "customers", kCustomerColumns);
    for (const SealedCustomer* c : customers) stream << std::tie(c->customer);
    stream.complete();
    pqxx::stream_to points(tx, "contact_points", kPointColumns);
    for (const SealedCustomer* c : customers) {
      for (const pg::CopyRow& point : c->points) points << std::tie(point);
    }
    points.complete();
  }
  if (!events.empty()) {
    pqxx::stream_to stream(tx, "outbox", kOutboxColumns);
    for (const pg::CopyRow* e : events) stream << std::tie(*e);
    stream.complete();
    tx.exec("SELECT pg_notify('tm_outbox_' || current_schema(), '')");
  }
}

void ImportStore::CreateList(pqxx::transaction_base& tx, const std::string& list_id,
                             const std::string& display_name, const std::string& import_job_id,
                             const std::string& region_id,
                             const telemarketing::common::v1::Actor& creator,
                             const std::string& at) const {
  tx.exec_params(
      "INSERT INTO contact_lists (list_id, region_id, display_name, origin, import_job_id, state,"
      " creator_id, creator_role, create_time, snapshot_time)"
      " VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $9::timestamptz)",
      list_id, region_id, display_name, static_cast<int>(v1::CONTACT_LIST_ORIGIN_IMPORT),
      import_job_id, static_cast<int>(v1::CONTACT_LIST_STATE_BUILDING), creator.actor_id(),
      static_cast<int>(creator.role()), at);
}

void ImportStore::AddListMembers(pqxx::transaction_base& tx, const std::string& list_id,
                                 const std::vector<std::string>& customer_ids) const {
  if (customer_ids.empty()) return;
  // Phones only (R8: lists are dialed), as EvaluateSegment lists them without a callability check.
  tx.exec_params(
      "INSERT INTO contact_list_members (list_id, customer_id, region_id, contact_point_ids)"
      " SELECT $1::uuid, c.customer_id, c.region_id,"
      "  ARRAY(SELECT p.contact_point_id FROM contact_points p"
      "        WHERE p.customer_id = c.customer_id AND p.type IN (1, 2)"
      "        ORDER BY p.is_primary DESC, p.position)"
      " FROM customers c WHERE c.customer_id = ANY($2::uuid[])"
      " ON CONFLICT (list_id, customer_id) DO NOTHING",
      list_id, pg::ArrayLiteral(customer_ids));
  tx.exec_params(
      "UPDATE contact_lists SET member_count ="
      " (SELECT count(*) FROM contact_list_members WHERE list_id = $1::uuid)"
      " WHERE list_id = $1::uuid",
      list_id);
}

void ImportStore::SettleList(pqxx::transaction_base& tx, const std::string& list_id, bool ready,
                             const std::string& at) const {
  if (!ready) {
    tx.exec_params("DELETE FROM contact_list_members WHERE list_id = $1::uuid", list_id);
  }
  tx.exec_params(
      "UPDATE contact_lists SET state = $2, snapshot_time = $3::timestamptz,"
      " member_count = CASE WHEN $4 THEN member_count ELSE 0 END WHERE list_id = $1::uuid",
      list_id,
      static_cast<int>(ready ? v1::CONTACT_LIST_STATE_READY : v1::CONTACT_LIST_STATE_FAILED), at,
      ready);
}

}  // namespace tmk::contacts
