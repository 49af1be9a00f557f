#include "services/contacts/store/import_store.h"

#include <google/protobuf/util/time_util.h>

#include <array>
#include <chrono>
#include <map>

#include "services/common/pg/array_literal.h"
#include "services/contacts/store/bytea.h"
#include "services/contacts/store/customer_columns.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

template <size_t N>
void Write(pqxx::stream_to& stream, const std::array<std::string, N>& row) {
  // Tuple of pointers so that std::array can be streamed; no value is NULL here.
  std::apply([&](const auto&... cell) { stream << std::make_tuple(cell.c_str()...); }, row);
}

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
    Write<7>(stream, {job_id, std::to_string(line), std::to_string(seq), e.column(),
                      e.field_path(), std::to_string(static_cast<int>(e.reason())), e.message()});
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

std::set<std::string> ImportStore::ExistingPhones(pqxx::transaction_base& tx,
                                                  const std::vector<std::string>& phones) const {
  std::set<std::string> out;
  if (phones.empty()) return out;
  std::map<std::string, std::string> phone_of;  // blind index -> number
  std::vector<std::string> indexes;
  for (const std::string& phone : phones) {
    std::string index = cipher_.ContactIndex(phone);
    if (phone_of.emplace(index, phone).second) indexes.push_back(std::move(index));
  }
  pqxx::result rows = tx.exec_params(
      "SELECT DISTINCT value_index FROM contact_points WHERE value_index = ANY($1::bytea[])",
      ByteaArrayLiteral(indexes));
  for (const auto& row : rows) out.insert(phone_of.at(pqxx::binarystring(row[0]).str()));
  return out;
}

std::set<std::string> ImportStore::ExistingExternalIds(pqxx::transaction_base& tx,
                                                       const std::vector<std::string>& ids) const {
  std::set<std::string> out;
  if (ids.empty()) return out;
  pqxx::result rows = tx.exec_params(
      "SELECT DISTINCT external_id FROM customers"
      " WHERE external_id <> '' AND external_id = ANY($1::text[])",
      pg::ArrayLiteral(ids));
  for (const auto& row : rows) out.insert(row[0].as<std::string>());
  return out;
}

void ImportStore::CopyCustomers(pqxx::transaction_base& tx, const std::vector<v1::Customer>& customers,
                                const std::vector<events::OutboundEvent>& events) const {
  if (customers.empty()) return;
  {
    pqxx::stream_to stream(
        tx, "customers",
        std::vector<std::string>{"customer_id", "region_id", "name_index", "kind", "vip_tier",
                                 "gender", "birth_year", "province_code", "city_code", "tags",
                                 "record", "hlc_wall_millis", "hlc_logical", "hlc_node",
                                 "create_time", "update_time", "marital_status", "income_band",
                                 "occupation", "company_name", "external_id", "district_code",
                                 "attributes"});
    for (const v1::Customer& c : customers) {
      std::string time = TimeUtil::ToString(c.create_time());
      const char* birth_year = nullptr;
      std::string year = std::to_string(c.birth_year());
      if (c.birth_year() != 0) birth_year = year.c_str();
      std::array<std::string, 23> row{
          c.customer_id(), c.region_id(), ByteaText(cipher_.NameIndex(c.display_name())),
          std::to_string(c.kind()), std::to_string(c.vip_tier()), std::to_string(c.gender()), "",
          c.residence().province_code(), c.residence().city_code(), TagsArray(c),
          ByteaText(cipher_.SealCustomer(c)), std::to_string(c.hlc().wall_time_millis()),
          std::to_string(c.hlc().logical()), c.hlc().node(), time, time,
          std::to_string(c.marital_status()), std::to_string(c.income_band()), c.occupation(),
          c.company_name(), c.external_id(), c.residence().district_code(), AttributesJson(c)};
      std::apply(
          [&](const auto&... cell) {
            auto pointers = std::make_tuple(cell.c_str()...);
            std::get<6>(pointers) = birth_year;  // NULL when unknown, as CustomerStore writes it
            stream << pointers;
          },
          row);
    }
    stream.complete();
  }
  {
    pqxx::stream_to stream(tx, "contact_points",
                           std::vector<std::string>{"contact_point_id", "customer_id", "position",
                                                    "type", "sealed_value", "value_index", "status",
                                                    "source", "is_primary", "create_time"});
    for (const v1::Customer& c : customers) {
      for (int i = 0; i < c.contact_points_size(); ++i) {
        const v1::ContactPoint& p = c.contact_points(i);
        Write<10>(stream, {p.contact_point_id(), c.customer_id(), std::to_string(i),
                           std::to_string(p.type()),
                           ByteaText(cipher_.SealContactPoint(c.customer_id(), p)),
                           ByteaText(cipher_.ContactIndex(p.normalized_value())),
                           std::to_string(p.status()), p.source(), p.primary() ? "t" : "f",
                           TimeUtil::ToString(p.create_time())});
      }
    }
    stream.complete();
  }
  {
    pqxx::stream_to stream(tx, "outbox",
                           std::vector<std::string>{"event_id", "topic", "message_key",
                                                    "event_type", "subject", "occurred_at",
                                                    "payload"});
    for (const events::OutboundEvent& e : events) {
      long long micros =
          std::chrono::duration_cast<std::chrono::microseconds>(e.time.time_since_epoch()).count();
      google::protobuf::Timestamp at = TimeUtil::MicrosecondsToTimestamp(micros);
      Write<7>(stream, {e.id, e.topic, e.key, e.type, e.subject, TimeUtil::ToString(at),
                        ByteaText(e.payload)});
    }
    stream.complete();
  }
  tx.exec("SELECT pg_notify('tm_outbox_' || current_schema(), '')");
}

}  // namespace tmk::contacts
