// Script versions (R9): create (new or copied), read, list, update and delete drafts, and
// validate. Review state changes are in script_review_api.cc.
#include <algorithm>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/campaigns/api/revise.h"
#include "services/campaigns/api/script_api.h"
#include "services/campaigns/api/script_mapping.h"
#include "services/campaigns/domain/script_shape.h"
#include "services/campaigns/domain/script_validator.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

// The content fields of a version, as named in an update mask.
const std::vector<std::string>& ContentFields() {
  static const std::vector<std::string> fields = {"start_node_id", "nodes", "objection_handlers",
                                                  "change_note"};
  return fields;
}

}  // namespace

absl::Status ScriptApi::CreateScriptVersion(const auth::Principal& who,
                                            const v1::CreateScriptVersionRequest& request,
                                            v1::CreateScriptVersionResponse& response) {
  if (absl::Status allowed = Authorize(who, kAuthors, "author scripts"); !allowed.ok()) {
    return allowed;
  }
  const std::string& script_id = request.script_id();
  Violations violations;
  grpcx::CheckResourceId(script_id, "script_id", "script", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (request.copy_from_version() < 0) {
    violations.Add("copy_from_version", "a version number, or 0 to use script_version");
  } else if (request.copy_from_version() == 0) {
    CheckScriptShape(ToDocument(request.script_version()), "script_version.", violations);
    CheckNote(request.script_version().change_note(), "script_version.change_note", violations);
  }
  if (!violations.empty()) return violations.ToStatus("invalid script version");

  const Clock& clock = runtime_.context().clock;
  const RequestKey key{"create-version", request.request_id(),
                       grpcx::RequestFingerprint(request)};
  v1::ScriptVersion created;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key, created)) return *replayed;
    if (absl::Status found = LockScript(tx, script_id, 0).status(); !found.ok()) return found;
    created = v1::ScriptVersion();
    const v1::ScriptVersion* content = &request.script_version();
    absl::StatusOr<ScriptStore::StoredVersion> source;
    if (request.copy_from_version() > 0) {
      source = LoadVersion(tx, script_id, request.copy_from_version());
      if (!source.ok()) return source.status();
      content = &source->version;
    } else {
      created.set_change_note(request.script_version().change_note());
    }
    created.set_start_node_id(content->start_node_id());
    *created.mutable_nodes() = content->nodes();
    *created.mutable_objection_handlers() = content->objection_handlers();

    const TimePoint now = clock.Now();
    created.set_script_id(script_id);
    created.set_version(scripts_.AllocateVersion(tx, script_id));
    created.set_state(v1::SCRIPT_VERSION_STATE_DRAFT);
    created.set_author_id(who.subject);
    *created.mutable_create_time() = grpcx::ToProtoTime(now);
    *created.mutable_update_time() = grpcx::ToProtoTime(now);
    created.set_revision(1);
    scripts_.InsertVersion(tx, {created, {}});
    Announce(tx, created, v1::SCRIPT_VERSION_STATE_UNSPECIFIED);
    Remember(tx, key, script_id, created.version());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  *response.mutable_script_version() = std::move(created);
  return absl::OkStatus();
}

absl::Status ScriptApi::GetScriptVersion(const auth::Principal& who,
                                         const v1::GetScriptVersionRequest& request,
                                         v1::GetScriptVersionResponse& response) {
  if (absl::Status allowed = Authorize(who, kApprovedReaders, "read scripts"); !allowed.ok()) {
    return allowed;
  }
  const std::string& script_id = request.script_id();
  Violations violations;
  grpcx::CheckResourceId(script_id, "script_id", "script", violations);
  if (request.version() < 0) {
    violations.Add("version", "a version number, or 0 for the latest approved");
  }
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<ScriptStore::StoredVersion> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    int32_t version = request.version();
    if (version == 0) {
      if (absl::Status script = LoadScript(tx, script_id).status(); !script.ok()) return script;
      version = scripts_.LatestApprovedVersion(tx, script_id);
      if (version == 0) {
        return absl::NotFoundError(absl::StrCat("script ", script_id, " has no approved version"));
      }
    }
    found = LoadVersion(tx, script_id, version);
    return found.status();
  });
  if (!status.ok()) return status;
  if (SeesApprovedOnly(who) && !IsApprovedContent(found->version.state())) {
    return absl::PermissionDeniedError(
        absl::StrCat(who.subject, " may read approved script versions only"));
  }
  *response.mutable_script_version() = std::move(found->version);
  return absl::OkStatus();
}

absl::Status ScriptApi::ListScriptVersions(const auth::Principal& who,
                                           const v1::ListScriptVersionsRequest& request,
                                           v1::ListScriptVersionsResponse& response) {
  if (absl::Status allowed = Authorize(who, kApprovedReaders, "read scripts"); !allowed.ok()) {
    return allowed;
  }
  const std::string& script_id = request.script_id();
  Violations violations;
  grpcx::CheckResourceId(script_id, "script_id", "script", violations);
  const int limit = grpcx::PageLimit(request.page_size(), violations);
  std::vector<int> states;
  for (int i = 0; i < request.states_size(); ++i) {
    if (request.states(i) < 1 || request.states(i) > kMaxScriptVersionState) {
      violations.Add(absl::StrCat("states[", i, "]"), "not a ScriptVersionState value");
    }
    states.push_back(request.states(i));
  }
  v1::ListScriptVersionsRequest scope = request;
  scope.clear_page_size();
  scope.clear_page_token();
  const std::string kind = ListKind("script-versions", scope);
  int32_t before = 0;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    if (!cursor || !absl::SimpleAtoi(*cursor, &before) || before < 1) {
      violations.Add("page_token", "not a token of this listing");
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid listing");
  if (SeesApprovedOnly(who)) {
    std::vector<int> approved = {v1::SCRIPT_VERSION_STATE_APPROVED,
                                 v1::SCRIPT_VERSION_STATE_RETIRED};
    if (!states.empty()) {
      std::vector<int> asked = states;
      states.clear();
      for (int state : approved) {
        if (std::count(asked.begin(), asked.end(), state) > 0) states.push_back(state);
      }
      if (states.empty()) return absl::OkStatus();  // nothing asked for is visible to the caller
    } else {
      states = approved;
    }
  }
  std::vector<v1::ScriptVersion> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (absl::Status script = LoadScript(tx, script_id).status(); !script.ok()) return script;
    page = scripts_.ListVersions(tx, script_id, states, before, limit + 1);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  const bool more = static_cast<int>(page.size()) > limit;
  if (more) page.resize(limit);
  for (v1::ScriptVersion& version : page) *response.add_script_versions() = std::move(version);
  if (more) {
    const v1::ScriptVersion& last = response.script_versions(response.script_versions_size() - 1);
    response.set_next_page_token(grpcx::EncodePageToken(kind, absl::StrCat(last.version())));
  }
  return absl::OkStatus();
}

absl::Status ScriptApi::UpdateScriptVersion(const auth::Principal& who,
                                            const v1::UpdateScriptVersionRequest& request,
                                            v1::UpdateScriptVersionResponse& response) {
  if (absl::Status allowed = Authorize(who, kAuthors, "author scripts"); !allowed.ok()) {
    return allowed;
  }
  const v1::ScriptVersion& in = request.script_version();
  Violations violations;
  grpcx::CheckResourceId(in.script_id(), "script_version.script_id", "script", violations);
  CheckVersion(in.version(), "script_version.version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  // Without a mask the request replaces the whole content (AIP-134), as an editor saving a draft.
  std::vector<std::string> paths = MaskPaths(request.update_mask(), ContentFields(), violations);
  if (request.update_mask().paths().empty()) paths = ContentFields();
  const auto edits = [&paths](const char* field) { return absl::c_linear_search(paths, field); };
  if (edits("change_note")) CheckNote(in.change_note(), "script_version.change_note", violations);
  if (!violations.empty()) return violations.ToStatus("invalid update");

  const Clock& clock = runtime_.context().clock;
  const RequestKey key{"update-version", request.request_id(),
                       grpcx::RequestFingerprint(request)};
  v1::ScriptVersion result;
  ScriptCampaignType type = ScriptCampaignType::kUnspecified;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<v1::Script> script = LoadScript(tx, in.script_id());
    if (!script.ok()) return script.status();
    type = CampaignTypeOf(*script);
    if (std::optional<absl::Status> replayed = Replay(tx, key, result)) return *replayed;
    absl::StatusOr<ScriptStore::StoredVersion> stored =
        LockVersion(tx, in.script_id(), in.version(), in.revision());
    if (!stored.ok()) return stored.status();
    const v1::ScriptVersion& before = stored->version;
    if (absl::Status editable =
            CheckDraftEditable(static_cast<ScriptVersionState>(before.state()));
        !editable.ok()) {
      return editable;
    }
    v1::ScriptVersion after = before;
    if (edits("start_node_id")) after.set_start_node_id(in.start_node_id());
    if (edits("nodes")) *after.mutable_nodes() = in.nodes();
    if (edits("objection_handlers")) *after.mutable_objection_handlers() = in.objection_handlers();
    if (edits("change_note")) after.set_change_note(in.change_note());
    Violations shape;
    CheckScriptShape(ToDocument(after), "script_version.", shape);
    if (!shape.empty()) return shape.ToStatus("invalid script version");
    Remember(tx, key, in.script_id(), in.version());
    if (!Revise(before, after, clock.Now())) {
      result = std::move(stored->version);
      return absl::OkStatus();
    }
    // Whoever changes a draft shares its authorship, so may not review it (four eyes, R9).
    std::vector<std::string>& editors = stored->editor_ids;
    if (who.subject != after.author_id() && !absl::c_linear_search(editors, who.subject)) {
      editors.push_back(who.subject);
    }
    stored->version = after;
    scripts_.UpdateVersion(tx, *stored);
    result = std::move(after);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // The draft is saved anyway; what still keeps it from review comes with it.
  AddIssues(FindScriptIssues(ToDocument(result), type), response.mutable_issues());
  *response.mutable_script_version() = std::move(result);
  return absl::OkStatus();
}

absl::Status ScriptApi::DeleteScriptVersion(const auth::Principal& who,
                                            const v1::DeleteScriptVersionRequest& request,
                                            v1::DeleteScriptVersionResponse&) {
  if (absl::Status allowed = Authorize(who, kAuthors, "delete scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  const RequestKey key{"delete-version", request.request_id(),
                       grpcx::RequestFingerprint(request)};
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key)) return *replayed;
    absl::StatusOr<ScriptStore::StoredVersion> stored =
        LockVersion(tx, request.script_id(), request.version(), /*revision=*/0);
    if (!stored.ok()) return stored.status();
    if (absl::Status editable =
            CheckDraftEditable(static_cast<ScriptVersionState>(stored->version.state()));
        !editable.ok()) {
      return editable;
    }
    scripts_.DeleteVersion(tx, request.script_id(), request.version());
    Announce(tx, stored->version, stored->version.state(), /*deleted=*/true);
    Remember(tx, key, request.script_id(), request.version());
    return absl::OkStatus();
  });
}

absl::Status ScriptApi::ValidateScriptVersion(const auth::Principal& who,
                                              const v1::ValidateScriptVersionRequest& request,
                                              v1::ValidateScriptVersionResponse& response) {
  if (absl::Status allowed = Authorize(who, kReaders, "validate scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
  if (!violations.empty()) return violations.ToStatus();
  absl::StatusOr<v1::Script> script;
  absl::StatusOr<ScriptStore::StoredVersion> stored;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    script = LoadScript(tx, request.script_id());
    if (!script.ok()) return script.status();
    stored = LoadVersion(tx, request.script_id(), request.version());
    return stored.status();
  });
  if (!status.ok()) return status;
  std::vector<ScriptIssue> issues =
      FindScriptIssues(ToDocument(stored->version), CampaignTypeOf(*script));
  response.set_valid(issues.empty());
  AddIssues(issues, response.mutable_issues());
  return absl::OkStatus();
}

}  // namespace tmk::campaigns
