// Scripts CRUD (R9), and what every ScriptApi handler file shares: authorisation, request
// checks, idempotency by request_id, loading with NOT_FOUND and revision checks, and the
// ScriptVersionChanged event.
#include "services/campaigns/api/script_api.h"

#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "services/campaigns/api/revise.h"
#include "services/campaigns/domain/script_document.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

constexpr char kTopic[] = "tm.campaigns.v1";
constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxNote = 2000;  // descriptions, comments, reasons

// The editable fields of a script's metadata, as named in an update mask.
const std::vector<std::string>& ScriptFields() {
  static const std::vector<std::string> fields = {"display_name", "description", "campaign_type"};
  return fields;
}

absl::Status ScriptNotFound(const std::string& script_id) {
  return absl::NotFoundError(absl::StrCat("script ", script_id, " not found"));
}

absl::Status VersionNotFound(const std::string& script_id, int32_t version) {
  return absl::NotFoundError(absl::StrCat("script ", script_id, " has no version ", version));
}

// A given revision (0: none given) must be the current one.
absl::Status CheckRevision(int64_t given, int64_t current, std::string_view what) {
  if (given == 0 || given == current) return absl::OkStatus();
  return grpcx::RevisionMismatch(given, current, what);
}

}  // namespace

ScriptApi::ScriptApi(server::ServiceRuntime& runtime, CustomerDirectory& customers,
                     CampaignScriptResolver& campaign_scripts, CampaignSnapshots& snapshots)
    : runtime_(runtime),
      customers_(customers),
      campaign_scripts_(campaign_scripts),
      snapshots_(snapshots),
      hlc_(runtime.context().clock, runtime.context().region) {}

// ---- Shared by the handler files ----

absl::Status ScriptApi::Authorize(const auth::Principal& who, auth::RoleSet roles,
                                  std::string_view action) const {
  return auth::Authorize(who, roles, runtime_.context().region, action);
}

bool ScriptApi::SeesApprovedOnly(const auth::Principal& who) {
  return !auth::HasAnyRole(who, kReaders);
}

bool ScriptApi::IsApprovedContent(v1::ScriptVersionState state) {
  return state == v1::SCRIPT_VERSION_STATE_APPROVED || state == v1::SCRIPT_VERSION_STATE_RETIRED;
}

void ScriptApi::CheckVersionName(const std::string& script_id, int32_t version,
                                 Violations& violations) {
  grpcx::CheckResourceId(script_id, "script_id", "script", violations);
  CheckVersion(version, "version", violations);
}

void ScriptApi::CheckVersion(int32_t version, const std::string& field, Violations& violations) {
  if (version < 1) violations.Add(field, "required: a version number, 1 or more");
}

void ScriptApi::CheckNote(const std::string& text, const std::string& field,
                          Violations& violations) {
  if (text.size() > kMaxNote) violations.Add(field, "at most 2000 bytes");
}

std::vector<std::string> ScriptApi::MaskPaths(const google::protobuf::FieldMask& mask,
                                              const std::vector<std::string>& editable,
                                              Violations& violations) {
  std::vector<std::string> paths;
  for (int i = 0; i < mask.paths_size(); ++i) {
    if (absl::c_linear_search(editable, mask.paths(i))) {
      paths.push_back(mask.paths(i));
    } else {
      violations.Add(absl::StrCat("update_mask.paths[", i, "]"),
                     absl::StrCat("'", mask.paths(i), "' is not an editable field"));
    }
  }
  return paths;
}

std::string ScriptApi::ListKind(const char* listing, const google::protobuf::Message& scope) {
  return absl::StrCat(listing, ":", grpcx::RequestFingerprint(scope).substr(0, 16));
}

std::optional<absl::Status> ScriptApi::Replay(pqxx::work& tx, const RequestKey& key) const {
  if (key.request_id.empty()) return std::nullopt;
  std::optional<ScriptStore::RequestRecord> earlier =
      scripts_.FindRequest(tx, key.verb, key.request_id);
  if (!earlier) return std::nullopt;
  return earlier->fingerprint == key.fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
}

std::optional<absl::Status> ScriptApi::Replay(pqxx::work& tx, const RequestKey& key,
                                              v1::Script& out) const {
  if (key.request_id.empty()) return std::nullopt;
  std::optional<ScriptStore::RequestRecord> earlier =
      scripts_.FindRequest(tx, key.verb, key.request_id);
  if (!earlier) return std::nullopt;
  if (earlier->fingerprint != key.fingerprint) return grpcx::ReusedRequestId();
  absl::StatusOr<v1::Script> script = LoadScript(tx, earlier->script_id);
  if (!script.ok()) return script.status();
  out = *std::move(script);
  return absl::OkStatus();
}

std::optional<absl::Status> ScriptApi::Replay(pqxx::work& tx, const RequestKey& key,
                                              v1::ScriptVersion& out) const {
  if (key.request_id.empty()) return std::nullopt;
  std::optional<ScriptStore::RequestRecord> earlier =
      scripts_.FindRequest(tx, key.verb, key.request_id);
  if (!earlier) return std::nullopt;
  if (earlier->fingerprint != key.fingerprint) return grpcx::ReusedRequestId();
  absl::StatusOr<ScriptStore::StoredVersion> stored =
      LoadVersion(tx, earlier->script_id, earlier->version);
  if (!stored.ok()) return stored.status();
  out = std::move(stored->version);
  return absl::OkStatus();
}

void ScriptApi::Remember(pqxx::work& tx, const RequestKey& key, const std::string& script_id,
                         int32_t version) const {
  if (key.request_id.empty()) return;
  scripts_.SaveRequest(tx, key.verb, key.request_id, {script_id, version, key.fingerprint});
}

absl::StatusOr<v1::Script> ScriptApi::LoadScript(pqxx::work& tx,
                                                 const std::string& script_id) const {
  std::optional<v1::Script> script = scripts_.FindScript(tx, script_id);
  if (!script) return ScriptNotFound(script_id);
  return *std::move(script);
}

absl::StatusOr<ScriptStore::StoredVersion> ScriptApi::LoadVersion(pqxx::work& tx,
                                                                  const std::string& script_id,
                                                                  int32_t version) const {
  std::optional<ScriptStore::StoredVersion> stored = scripts_.FindVersion(tx, script_id, version);
  if (!stored) return VersionNotFound(script_id, version);
  return *std::move(stored);
}

absl::StatusOr<v1::Script> ScriptApi::LockScript(pqxx::work& tx, const std::string& script_id,
                                                 int64_t revision) const {
  std::optional<v1::Script> script = scripts_.FindScript(tx, script_id, /*for_update=*/true);
  if (!script) return ScriptNotFound(script_id);
  if (absl::Status fresh = CheckRevision(revision, script->revision(), "script"); !fresh.ok()) {
    return fresh;
  }
  return *std::move(script);
}

absl::StatusOr<ScriptStore::StoredVersion> ScriptApi::LockVersion(pqxx::work& tx,
                                                                  const std::string& script_id,
                                                                  int32_t version,
                                                                  int64_t revision) const {
  std::optional<ScriptStore::StoredVersion> stored =
      scripts_.FindVersion(tx, script_id, version, /*for_update=*/true);
  if (!stored) return VersionNotFound(script_id, version);
  if (absl::Status fresh =
          CheckRevision(revision, stored->version.revision(), "script version");
      !fresh.ok()) {
    return fresh;
  }
  return *std::move(stored);
}

void ScriptApi::Announce(pqxx::work& tx, const v1::ScriptVersion& version,
                         v1::ScriptVersionState previous, bool deleted) {
  telemarketing::events::v1::ScriptVersionChanged event;
  if (deleted) {
    // Only the version's name: the key's latest value says it is gone, as CampaignSnapshot does.
    event.mutable_script_version()->set_script_id(version.script_id());
    event.mutable_script_version()->set_version(version.version());
    event.set_deleted(true);
  } else {
    *event.mutable_script_version() = version;
  }
  event.set_previous_state(previous);
  event.set_region_id(runtime_.context().region);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  events::AppendToOutbox(
      tx, events::MakeEvent(kTopic,
                            absl::StrCat("script:", version.script_id(), ":", version.version()),
                            absl::StrCat("scripts/", version.script_id(), "/versions/",
                                         version.version()),
                            event, runtime_.context().clock));
  // Campaign snapshots embed the versions they use, review state included.
  snapshots_.PublishUsingScriptVersion(tx, version.script_id(), version.version());
}

// ---- Scripts ----

void ScriptApi::CheckScriptFields(const v1::Script& script, const std::vector<std::string>& fields,
                                  Violations& violations) {
  if (absl::c_linear_search(fields, "display_name")) {
    if (script.display_name().empty()) {
      violations.Add("script.display_name", "required");
    } else if (script.display_name().size() > kMaxDisplayName) {
      violations.Add("script.display_name", "at most 200 bytes");
    }
  }
  if (absl::c_linear_search(fields, "description")) {
    CheckNote(script.description(), "script.description", violations);
  }
  if (absl::c_linear_search(fields, "campaign_type") &&
      (script.campaign_type() < 1 || script.campaign_type() > kMaxScriptCampaignType)) {
    violations.Add("script.campaign_type",
                   "required: the CampaignType the script is written for (it decides the "
                   "mandatory statements)");
  }
}

absl::Status ScriptApi::CreateScript(const auth::Principal& who,
                                     const v1::CreateScriptRequest& request,
                                     v1::CreateScriptResponse& response) {
  if (absl::Status allowed = Authorize(who, kAuthors, "author scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckRequestId(request.request_id(), violations);
  CheckScriptFields(request.script(), ScriptFields(), violations);
  if (!violations.empty()) return violations.ToStatus("invalid script");

  const Clock& clock = runtime_.context().clock;
  const RequestKey key{"create", request.request_id(),
                       grpcx::RequestFingerprint(request.script())};
  v1::Script script;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key, script)) return *replayed;
    const TimePoint now = clock.Now();
    script = v1::Script();
    script.set_script_id(NewId(clock));
    script.set_display_name(request.script().display_name());
    script.set_description(request.script().description());
    script.set_campaign_type(request.script().campaign_type());
    script.set_author_id(who.subject);
    *script.mutable_create_time() = grpcx::ToProtoTime(now);
    *script.mutable_update_time() = grpcx::ToProtoTime(now);
    script.set_revision(1);
    scripts_.InsertScript(tx, script);
    Remember(tx, key, script.script_id());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  *response.mutable_script() = std::move(script);
  return absl::OkStatus();
}

absl::Status ScriptApi::GetScript(const auth::Principal& who, const v1::GetScriptRequest& request,
                                  v1::GetScriptResponse& response) {
  if (absl::Status allowed = Authorize(who, kApprovedReaders, "read scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<v1::Script> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = LoadScript(tx, request.script_id());
    return found.status();
  });
  if (!status.ok()) return status;
  *response.mutable_script() = *std::move(found);
  return absl::OkStatus();
}

absl::Status ScriptApi::ListScripts(const auth::Principal& who,
                                    const v1::ListScriptsRequest& request,
                                    v1::ListScriptsResponse& response) {
  if (absl::Status allowed = Authorize(who, kApprovedReaders, "read scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  const int limit = grpcx::PageLimit(request.page_size(), violations);
  if (request.campaign_type() < 0 || request.campaign_type() > kMaxScriptCampaignType) {
    violations.Add("campaign_type", "not a CampaignType value");
  }
  v1::ListScriptsRequest scope = request;
  scope.clear_page_size();
  scope.clear_page_token();
  const std::string kind = ListKind("scripts", scope);
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, violations);
  if (!violations.empty()) return violations.ToStatus("invalid listing");
  std::vector<v1::Script> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    page = scripts_.ListScripts(
        tx, {static_cast<int>(request.campaign_type()), request.approved_only()}, *after,
        limit + 1);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  const bool more = static_cast<int>(page.size()) > limit;
  if (more) page.resize(limit);
  for (v1::Script& script : page) *response.add_scripts() = std::move(script);
  if (more) {
    response.set_next_page_token(
        grpcx::NextPageToken(kind, response.scripts(response.scripts_size() - 1).script_id()));
  }
  return absl::OkStatus();
}

absl::Status ScriptApi::UpdateScript(const auth::Principal& who,
                                     const v1::UpdateScriptRequest& request,
                                     v1::UpdateScriptResponse& response) {
  if (absl::Status allowed = Authorize(who, kAuthors, "author scripts"); !allowed.ok()) {
    return allowed;
  }
  const v1::Script& in = request.script();
  Violations violations;
  grpcx::CheckResourceId(in.script_id(), "script.script_id", "script", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (request.update_mask().paths().empty()) {
    violations.Add("update_mask",
                   "name the fields to change: display_name, description, campaign_type");
  }
  const std::vector<std::string> paths =
      MaskPaths(request.update_mask(), ScriptFields(), violations);
  CheckScriptFields(in, paths, violations);
  if (!violations.empty()) return violations.ToStatus("invalid update");

  const Clock& clock = runtime_.context().clock;
  const RequestKey key{"update", request.request_id(), grpcx::RequestFingerprint(request)};
  v1::Script result;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key, result)) return *replayed;
    absl::StatusOr<v1::Script> before = LockScript(tx, in.script_id(), in.revision());
    if (!before.ok()) return before.status();
    v1::Script after = *before;
    if (absl::c_linear_search(paths, "display_name")) after.set_display_name(in.display_name());
    if (absl::c_linear_search(paths, "description")) after.set_description(in.description());
    if (absl::c_linear_search(paths, "campaign_type") &&
        in.campaign_type() != before->campaign_type()) {
      if (absl::Status changeable = CheckCampaignTypeChangeable(
              scripts_.History(tx, in.script_id()).any_left_draft);
          !changeable.ok()) {
        return changeable;
      }
      after.set_campaign_type(in.campaign_type());
    }
    Remember(tx, key, in.script_id());
    if (!Revise(*before, after, clock.Now())) {
      result = *std::move(before);
      return absl::OkStatus();
    }
    scripts_.UpdateScript(tx, after);
    result = std::move(after);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  *response.mutable_script() = std::move(result);
  return absl::OkStatus();
}

absl::Status ScriptApi::DeleteScript(const auth::Principal& who,
                                     const v1::DeleteScriptRequest& request,
                                     v1::DeleteScriptResponse&) {
  if (absl::Status allowed = Authorize(who, kAuthors, "delete scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  const RequestKey key{"delete", request.request_id(), grpcx::RequestFingerprint(request)};
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key)) return *replayed;
    absl::StatusOr<v1::Script> found = LockScript(tx, request.script_id(), request.revision());
    if (!found.ok()) return found.status();
    if (absl::Status deletable =
            CheckScriptDeletable(scripts_.History(tx, request.script_id()).ever_approved);
        !deletable.ok()) {
      return deletable;
    }
    scripts_.DeleteScript(tx, request.script_id());
    Remember(tx, key, request.script_id());
    return absl::OkStatus();
  });
}

}  // namespace tmk::campaigns
