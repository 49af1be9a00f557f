#include "services/campaigns/store/script_store.h"

#include <limits>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/pg/array_literal.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

// The derived latest_* fields come with every script read.
constexpr char kScriptColumns[] =
    "s.record, s.last_version,"
    " COALESCE((SELECT max(v.version) FROM script_versions v"
    "           WHERE v.script_id = s.script_id AND v.state = 3), 0)";
constexpr char kVersionColumns[] = "record, editor_ids, retire_reason";
constexpr char kLastUuid[] = "ffffffff-ffff-ffff-ffff-ffffffffffff";

template <class Message>
Message Parse(const pqxx::field& field, const char* what) {
  Message message;
  if (!message.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error(std::string("a stored ") + what + " record does not parse");
  }
  return message;
}

pqxx::binarystring Bytes(const google::protobuf::Message& message, std::string& buffer) {
  buffer = message.SerializeAsString();
  return pqxx::binarystring(buffer.data(), buffer.size());
}

v1::Script ReadScript(const pqxx::row& row) {
  v1::Script script = Parse<v1::Script>(row[0], "script");
  script.set_latest_version(row[1].as<int32_t>());
  script.set_latest_approved_version(row[2].as<int32_t>());
  return script;
}

std::vector<std::string> ReadTextArray(const pqxx::field& field) {
  std::vector<std::string> out;
  pqxx::array_parser parser = field.as_array();
  while (true) {
    auto [juncture, value] = parser.get_next();
    if (juncture == pqxx::array_parser::done) break;
    if (juncture == pqxx::array_parser::string_value) out.push_back(std::move(value));
  }
  return out;
}

// Reads kVersionColumns.
ScriptStore::StoredVersion ReadVersion(const pqxx::row& row) {
  ScriptStore::StoredVersion stored{Parse<v1::ScriptVersion>(row[0], "script version"),
                                    ReadTextArray(row[1])};
  stored.version.set_retire_reason(row[2].as<std::string>());
  return stored;
}

// The record of a version: retire_reason is kept in its column, never twice.
pqxx::binarystring VersionBytes(const v1::ScriptVersion& version, std::string& buffer) {
  v1::ScriptVersion record = version;
  record.clear_retire_reason();
  return Bytes(record, buffer);
}

std::string IntArray(const std::vector<int>& values) {
  std::vector<std::string> texts;
  for (int value : values) texts.push_back(std::to_string(value));
  return pg::ArrayLiteral(texts);
}

}  // namespace

std::optional<ScriptStore::RequestRecord> ScriptStore::FindRequest(
    pqxx::work& tx, const std::string& verb, const std::string& request_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT script_id::text, version, fingerprint FROM script_requests"
      " WHERE verb = $1 AND request_id = $2",
      verb, request_id);
  if (rows.empty()) return std::nullopt;
  return RequestRecord{rows[0][0].as<std::string>(), rows[0][1].as<int32_t>(),
                       rows[0][2].as<std::string>()};
}

void ScriptStore::SaveRequest(pqxx::work& tx, const std::string& verb,
                              const std::string& request_id, const RequestRecord& record) const {
  tx.exec_params(
      "INSERT INTO script_requests (verb, request_id, fingerprint, script_id, version)"
      " VALUES ($1, $2, $3, $4::uuid, $5)",
      verb, request_id, record.fingerprint, record.script_id, record.version);
}

void ScriptStore::InsertScript(pqxx::work& tx, const v1::Script& script) const {
  v1::Script record = script;
  record.clear_latest_version();
  record.clear_latest_approved_version();
  std::string buffer;
  tx.exec_params(
      "INSERT INTO scripts (script_id, campaign_type, record) VALUES ($1::uuid, $2, $3)",
      script.script_id(), static_cast<int>(script.campaign_type()), Bytes(record, buffer));
}

std::optional<v1::Script> ScriptStore::FindScript(pqxx::work& tx, const std::string& script_id,
                                                  bool for_update) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kScriptColumns, " FROM scripts s WHERE s.script_id = $1::uuid",
                   for_update ? " FOR UPDATE OF s" : ""),
      script_id);
  if (rows.empty()) return std::nullopt;
  return ReadScript(rows[0]);
}

void ScriptStore::UpdateScript(pqxx::work& tx, const v1::Script& script) const {
  v1::Script record = script;
  record.clear_latest_version();
  record.clear_latest_approved_version();
  std::string buffer;
  tx.exec_params("UPDATE scripts SET campaign_type = $2, record = $3 WHERE script_id = $1::uuid",
                 script.script_id(), static_cast<int>(script.campaign_type()),
                 Bytes(record, buffer));
}

void ScriptStore::DeleteScript(pqxx::work& tx, const std::string& script_id) const {
  tx.exec_params("DELETE FROM scripts WHERE script_id = $1::uuid", script_id);
}

std::vector<v1::Script> ScriptStore::ListScripts(pqxx::work& tx, const ScriptFilter& filter,
                                                 const std::string& after_script_id,
                                                 int limit) const {
  std::vector<v1::Script> scripts;
  for (const pqxx::row& row : tx.exec_params(
           absl::StrCat(
               "SELECT ", kScriptColumns,
               " FROM scripts s"
               " WHERE ($1 = 0 OR s.campaign_type = $1)"
               "   AND (NOT $2 OR EXISTS (SELECT 1 FROM script_versions v"
               "                          WHERE v.script_id = s.script_id AND v.state = 3))"
               "   AND s.script_id < $3::uuid"
               " ORDER BY s.script_id DESC LIMIT $4"),
           filter.campaign_type, filter.approved_only,
           after_script_id.empty() ? std::string(kLastUuid) : after_script_id, limit)) {
    scripts.push_back(ReadScript(row));
  }
  return scripts;
}

ScriptStore::ReviewHistory ScriptStore::History(pqxx::work& tx,
                                                const std::string& script_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT COALESCE(bool_or(state IN (3, 4)), false),"
      " COALESCE(bool_or(state IN (2, 3, 4)), false)"
      " FROM script_versions WHERE script_id = $1::uuid",
      script_id);
  return {rows[0][0].as<bool>(), rows[0][1].as<bool>()};
}

int32_t ScriptStore::AllocateVersion(pqxx::work& tx, const std::string& script_id) const {
  pqxx::result rows = tx.exec_params(
      "UPDATE scripts SET last_version = last_version + 1 WHERE script_id = $1::uuid"
      " RETURNING last_version",
      script_id);
  if (rows.empty()) throw std::logic_error("allocating a version of a missing script");
  return rows[0][0].as<int32_t>();
}

void ScriptStore::InsertVersion(pqxx::work& tx, const StoredVersion& stored) const {
  std::string buffer;
  tx.exec_params(
      "INSERT INTO script_versions (script_id, version, state, editor_ids, retire_reason, record)"
      " VALUES ($1::uuid, $2, $3, $4::text[], $5, $6)",
      stored.version.script_id(), stored.version.version(),
      static_cast<int>(stored.version.state()), pg::ArrayLiteral(stored.editor_ids),
      stored.version.retire_reason(), VersionBytes(stored.version, buffer));
}

std::optional<ScriptStore::StoredVersion> ScriptStore::FindVersion(pqxx::work& tx,
                                                                   const std::string& script_id,
                                                                   int32_t version,
                                                                   bool for_update) const {
  pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kVersionColumns,
                   " FROM script_versions WHERE script_id = $1::uuid AND version = $2",
                   for_update ? " FOR UPDATE" : ""),
      script_id, version);
  if (rows.empty()) return std::nullopt;
  return ReadVersion(rows[0]);
}

void ScriptStore::UpdateVersion(pqxx::work& tx, const StoredVersion& stored) const {
  std::string buffer;
  tx.exec_params(
      "UPDATE script_versions SET state = $3, editor_ids = $4::text[], retire_reason = $5,"
      " record = $6 WHERE script_id = $1::uuid AND version = $2",
      stored.version.script_id(), stored.version.version(),
      static_cast<int>(stored.version.state()), pg::ArrayLiteral(stored.editor_ids),
      stored.version.retire_reason(), VersionBytes(stored.version, buffer));
}

void ScriptStore::DeleteVersion(pqxx::work& tx, const std::string& script_id,
                                int32_t version) const {
  tx.exec_params("DELETE FROM script_versions WHERE script_id = $1::uuid AND version = $2",
                 script_id, version);
}

int32_t ScriptStore::LatestApprovedVersion(pqxx::work& tx, const std::string& script_id) const {
  pqxx::result rows = tx.exec_params(
      "SELECT COALESCE(max(version), 0) FROM script_versions"
      " WHERE script_id = $1::uuid AND state = 3",
      script_id);
  return rows[0][0].as<int32_t>();
}

std::vector<v1::ScriptVersion> ScriptStore::ListVersions(pqxx::work& tx,
                                                         const std::string& script_id,
                                                         const std::vector<int>& states,
                                                         int32_t before_version,
                                                         int limit) const {
  std::vector<v1::ScriptVersion> versions;
  for (const pqxx::row& row : tx.exec_params(
           absl::StrCat(
               "SELECT ", kVersionColumns,
               " FROM script_versions"
               " WHERE script_id = $1::uuid"
               "   AND (cardinality($2::smallint[]) = 0 OR state = ANY($2::smallint[]))"
               "   AND version < $3"
               " ORDER BY version DESC LIMIT $4"),
           script_id, IntArray(states),
           before_version > 0 ? before_version : std::numeric_limits<int32_t>::max(), limit)) {
    versions.push_back(ReadVersion(row).version);
  }
  return versions;
}

absl::StatusOr<v1::ScriptVersion> ScriptStore::GetVersion(pqxx::work& tx,
                                                          std::string_view script_id,
                                                          int32_t version) const {
  const std::string id(script_id);
  // Ids come from campaigns, which clients write: a malformed one names no script.
  std::optional<StoredVersion> found;
  if (Uuid::Parse(id)) found = FindVersion(tx, id, version);
  if (!found) {
    return absl::NotFoundError(absl::StrCat("script ", id, " has no version ", version));
  }
  return std::move(found->version);
}

}  // namespace tmk::campaigns
