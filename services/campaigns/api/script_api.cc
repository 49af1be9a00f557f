#include "services/campaigns/api/script_api.h"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <ctime>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/campaigns/api/script_mapping.h"
#include "services/campaigns/domain/merge_field_catalog.h"
#include "services/campaigns/domain/merge_field_values.h"
#include "services/campaigns/domain/script_renderer.h"
#include "services/campaigns/domain/script_shape.h"
#include "services/campaigns/domain/script_validator.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using auth::Role;
using auth::RoleSet;
using google::protobuf::util::MessageDifferencer;

namespace {

constexpr char kTopic[] = "tm.campaigns.v1";
// Supervisors and admins write and review scripts; QA analysts (who score script accuracy, R23)
// and integrators read everything; agents read what was approved and have it rendered (R9).
constexpr RoleSet kAuthors{Role::kSupervisor, Role::kAdmin};
constexpr RoleSet kReaders{Role::kSupervisor, Role::kAdmin, Role::kQaAnalyst, Role::kIntegrator};
constexpr RoleSet kApprovedReaders{Role::kAgent, Role::kSupervisor, Role::kAdmin,
                                   Role::kQaAnalyst, Role::kIntegrator};
constexpr RoleSet kRenderers{Role::kAgent, Role::kSupervisor, Role::kAdmin};

constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxNote = 2000;  // descriptions, comments, reasons

// Only what was reviewed reaches agents.
bool SeesApprovedOnly(const auth::Principal& who) { return !auth::HasAnyRole(who, kReaders); }

bool IsApprovedContent(v1::ScriptVersionState state) {
  return state == v1::SCRIPT_VERSION_STATE_APPROVED || state == v1::SCRIPT_VERSION_STATE_RETIRED;
}

void CheckVersion(int32_t version, const std::string& field, Violations& violations) {
  if (version < 1) violations.Add(field, "required: a version number, 1 or more");
}

void CheckNote(const std::string& text, const std::string& field, Violations& violations) {
  if (text.size() > kMaxNote) violations.Add(field, "at most 2000 bytes");
}

// A page token's kind names the listing and its filter, so a token replayed against another
// filter is refused rather than misread.
std::string ListKind(const char* listing, const google::protobuf::Message& scope) {
  return absl::StrCat(listing, ":", grpcx::RequestFingerprint(scope).substr(0, 16));
}

// The editable fields of a script's metadata, as named in an update mask.
const std::vector<std::string>& ScriptFields() {
  static const std::vector<std::string> fields = {"display_name", "description", "campaign_type"};
  return fields;
}

// The content fields of a version, as named in an update mask.
const std::vector<std::string>& ContentFields() {
  static const std::vector<std::string> fields = {"start_node_id", "nodes", "objection_handlers",
                                                  "change_note"};
  return fields;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void CheckScriptFields(const v1::Script& script, const std::vector<std::string>& fields,
                       Violations& violations) {
  if (Contains(fields, "display_name")) {
    if (script.display_name().empty()) {
      violations.Add("script.display_name", "required");
    } else if (script.display_name().size() > kMaxDisplayName) {
      violations.Add("script.display_name", "at most 200 bytes");
    }
  }
  if (Contains(fields, "description")) {
    CheckNote(script.description(), "script.description", violations);
  }
  if (Contains(fields, "campaign_type") &&
      (script.campaign_type() < 1 || script.campaign_type() > kMaxScriptCampaignType)) {
    violations.Add("script.campaign_type",
                   "required: the CampaignType the script is written for (it decides the "
                   "mandatory statements)");
  }
}

// update_mask paths, each one of `allowed`; empty when the mask names none.
std::vector<std::string> MaskPaths(const google::protobuf::FieldMask& mask,
                                   const std::vector<std::string>& allowed,
                                   Violations& violations) {
  std::vector<std::string> paths;
  for (int i = 0; i < mask.paths_size(); ++i) {
    if (Contains(allowed, mask.paths(i))) {
      paths.push_back(mask.paths(i));
    } else {
      violations.Add(absl::StrCat("update_mask.paths[", i, "]"),
                     absl::StrCat("'", mask.paths(i), "' is not an editable field"));
    }
  }
  return paths;
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

const char* VerbName(ReviewVerb verb) {
  switch (verb) {
    case ReviewVerb::kSubmit:
      return "submit";
    case ReviewVerb::kApprove:
      return "approve";
    case ReviewVerb::kReject:
      return "reject";
    case ReviewVerb::kRetire:
      return "retire";
  }
  return "";
}

ScriptCampaignType TypeOf(const v1::Script& script) {
  return static_cast<ScriptCampaignType>(script.campaign_type());
}

int UtcYear(TimePoint at) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return utc.tm_year + 1900;
}

}  // namespace

ScriptApi::ScriptApi(server::ServiceRuntime& runtime, CustomerDirectory& customers,
                     CampaignScriptResolver& campaign_scripts, CampaignSnapshots& snapshots)
    : runtime_(runtime),
      customers_(customers),
      campaign_scripts_(campaign_scripts),
      snapshots_(snapshots),
      hlc_(runtime.context().clock, runtime.context().region) {}

void ScriptApi::Announce(pqxx::work& tx, const v1::ScriptVersion& version,
                         v1::ScriptVersionState previous) {
  telemarketing::events::v1::ScriptVersionChanged event;
  *event.mutable_script_version() = version;
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

absl::Status ScriptApi::CreateScript(const auth::Principal& who,
                                     const v1::CreateScriptRequest& request,
                                     v1::CreateScriptResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kAuthors, region, "author scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckRequestId(request.request_id(), violations);
  CheckScriptFields(request.script(), ScriptFields(), violations);
  if (!violations.empty()) return violations.ToStatus("invalid script");

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request.script());
  v1::Script script;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "create", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Script> existing = scripts_.FindScript(tx, earlier->script_id);
        if (!existing) return ScriptNotFound(earlier->script_id);
        script = *std::move(existing);
        return absl::OkStatus();
      }
    }
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
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "create", request.request_id(),
                           {script.script_id(), 0, fingerprint});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  *response.mutable_script() = std::move(script);
  return absl::OkStatus();
}

absl::Status ScriptApi::GetScript(const auth::Principal& who, const v1::GetScriptRequest& request,
                                  v1::GetScriptResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kApprovedReaders, runtime_.context().region, "read scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  if (!violations.empty()) return violations.ToStatus();
  std::optional<v1::Script> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = scripts_.FindScript(tx, request.script_id());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found) return ScriptNotFound(request.script_id());
  *response.mutable_script() = *std::move(found);
  return absl::OkStatus();
}

absl::Status ScriptApi::ListScripts(const auth::Principal& who,
                                    const v1::ListScriptsRequest& request,
                                    v1::ListScriptsResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kApprovedReaders, runtime_.context().region, "read scripts");
      !allowed.ok()) {
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
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "author scripts");
      !allowed.ok()) {
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
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::Script result;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "update", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::Script> current = scripts_.FindScript(tx, earlier->script_id);
        if (!current) return ScriptNotFound(earlier->script_id);
        result = *std::move(current);
        return absl::OkStatus();
      }
    }
    std::optional<v1::Script> before = scripts_.FindScript(tx, in.script_id(), /*for_update=*/true);
    if (!before) return ScriptNotFound(in.script_id());
    if (absl::Status fresh = CheckRevision(in.revision(), before->revision(), "script");
        !fresh.ok()) {
      return fresh;
    }
    v1::Script after = *before;
    if (Contains(paths, "display_name")) after.set_display_name(in.display_name());
    if (Contains(paths, "description")) after.set_description(in.description());
    if (Contains(paths, "campaign_type") && in.campaign_type() != before->campaign_type()) {
      if (absl::Status changeable = CheckCampaignTypeChangeable(
              scripts_.History(tx, in.script_id()).any_left_draft);
          !changeable.ok()) {
        return changeable;
      }
      after.set_campaign_type(in.campaign_type());
    }
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "update", request.request_id(), {in.script_id(), 0, fingerprint});
    }
    if (MessageDifferencer::Equals(after, *before)) {  // nothing changed: no new revision
      result = *std::move(before);
      return absl::OkStatus();
    }
    after.set_revision(before->revision() + 1);
    *after.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
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
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "delete scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "delete", request.request_id())) {
        return earlier->fingerprint == fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
      }
    }
    std::optional<v1::Script> found = scripts_.FindScript(tx, request.script_id(), true);
    if (!found) return ScriptNotFound(request.script_id());
    if (absl::Status fresh = CheckRevision(request.revision(), found->revision(), "script");
        !fresh.ok()) {
      return fresh;
    }
    if (absl::Status deletable =
            CheckScriptDeletable(scripts_.History(tx, request.script_id()).ever_approved);
        !deletable.ok()) {
      return deletable;
    }
    scripts_.DeleteScript(tx, request.script_id());
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "delete", request.request_id(),
                           {request.script_id(), 0, fingerprint});
    }
    return absl::OkStatus();
  });
}

// ---- Versions ----

absl::Status ScriptApi::CreateScriptVersion(const auth::Principal& who,
                                            const v1::CreateScriptVersionRequest& request,
                                            v1::CreateScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "author scripts");
      !allowed.ok()) {
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
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::ScriptVersion created;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "create-version", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        auto existing = scripts_.FindVersion(tx, earlier->script_id, earlier->version);
        if (!existing) return VersionNotFound(earlier->script_id, earlier->version);
        created = std::move(existing->version);
        return absl::OkStatus();
      }
    }
    if (!scripts_.FindScript(tx, script_id, /*for_update=*/true)) return ScriptNotFound(script_id);
    created = v1::ScriptVersion();
    const v1::ScriptVersion* content = &request.script_version();
    std::optional<ScriptStore::StoredVersion> source;
    if (request.copy_from_version() > 0) {
      source = scripts_.FindVersion(tx, script_id, request.copy_from_version());
      if (!source) return VersionNotFound(script_id, request.copy_from_version());
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
    scripts_.InsertVersion(tx, {created, {}, ""});
    Announce(tx, created, v1::SCRIPT_VERSION_STATE_UNSPECIFIED);
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "create-version", request.request_id(),
                           {script_id, created.version(), fingerprint});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  *response.mutable_script_version() = std::move(created);
  return absl::OkStatus();
}

absl::Status ScriptApi::GetScriptVersion(const auth::Principal& who,
                                         const v1::GetScriptVersionRequest& request,
                                         v1::GetScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kApprovedReaders, runtime_.context().region, "read scripts");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& script_id = request.script_id();
  Violations violations;
  grpcx::CheckResourceId(script_id, "script_id", "script", violations);
  if (request.version() < 0) {
    violations.Add("version", "a version number, or 0 for the latest approved");
  }
  if (!violations.empty()) return violations.ToStatus();
  std::optional<ScriptStore::StoredVersion> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    int32_t version = request.version();
    if (version == 0) {
      if (!scripts_.FindScript(tx, script_id)) return ScriptNotFound(script_id);
      version = scripts_.LatestApprovedVersion(tx, script_id);
      if (version == 0) {
        return absl::NotFoundError(absl::StrCat("script ", script_id, " has no approved version"));
      }
    }
    found = scripts_.FindVersion(tx, script_id, version);
    if (!found) return VersionNotFound(script_id, version);
    return absl::OkStatus();
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
  if (absl::Status allowed =
          auth::Authorize(who, kApprovedReaders, runtime_.context().region, "read scripts");
      !allowed.ok()) {
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
    if (!scripts_.FindScript(tx, script_id)) return ScriptNotFound(script_id);
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
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "author scripts");
      !allowed.ok()) {
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
  if (Contains(paths, "change_note")) {
    CheckNote(in.change_note(), "script_version.change_note", violations);
  }
  if (!violations.empty()) return violations.ToStatus("invalid update");

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::ScriptVersion result;
  ScriptCampaignType type = ScriptCampaignType::kUnspecified;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::Script> script = scripts_.FindScript(tx, in.script_id());
    if (!script) return ScriptNotFound(in.script_id());
    type = TypeOf(*script);
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "update-version", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        auto current = scripts_.FindVersion(tx, earlier->script_id, earlier->version);
        if (!current) return VersionNotFound(earlier->script_id, earlier->version);
        result = std::move(current->version);
        return absl::OkStatus();
      }
    }
    std::optional<ScriptStore::StoredVersion> stored =
        scripts_.FindVersion(tx, in.script_id(), in.version(), /*for_update=*/true);
    if (!stored) return VersionNotFound(in.script_id(), in.version());
    const v1::ScriptVersion& before = stored->version;
    if (absl::Status fresh = CheckRevision(in.revision(), before.revision(), "script version");
        !fresh.ok()) {
      return fresh;
    }
    if (absl::Status editable =
            CheckDraftEditable(static_cast<ScriptVersionState>(before.state()));
        !editable.ok()) {
      return editable;
    }
    v1::ScriptVersion after = before;
    if (Contains(paths, "start_node_id")) after.set_start_node_id(in.start_node_id());
    if (Contains(paths, "nodes")) *after.mutable_nodes() = in.nodes();
    if (Contains(paths, "objection_handlers")) {
      *after.mutable_objection_handlers() = in.objection_handlers();
    }
    if (Contains(paths, "change_note")) after.set_change_note(in.change_note());
    Violations shape;
    CheckScriptShape(ToDocument(after), "script_version.", shape);
    if (!shape.empty()) return shape.ToStatus("invalid script version");
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "update-version", request.request_id(),
                           {in.script_id(), in.version(), fingerprint});
    }
    if (MessageDifferencer::Equals(after, before)) {  // nothing changed: no new revision
      result = std::move(stored->version);
      return absl::OkStatus();
    }
    // Whoever changes a draft shares its authorship, so may not review it (four eyes, R9).
    if (who.subject != after.author_id() && !Contains(stored->editor_ids, who.subject)) {
      stored->editor_ids.push_back(who.subject);
    }
    after.set_revision(before.revision() + 1);
    *after.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
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
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "delete scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = scripts_.FindRequest(tx, "delete-version", request.request_id())) {
        return earlier->fingerprint == fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
      }
    }
    std::optional<ScriptStore::StoredVersion> stored =
        scripts_.FindVersion(tx, request.script_id(), request.version(), /*for_update=*/true);
    if (!stored) return VersionNotFound(request.script_id(), request.version());
    if (absl::Status editable =
            CheckDraftEditable(static_cast<ScriptVersionState>(stored->version.state()));
        !editable.ok()) {
      return editable;
    }
    scripts_.DeleteVersion(tx, request.script_id(), request.version());
    if (!request.request_id().empty()) {
      scripts_.SaveRequest(tx, "delete-version", request.request_id(),
                           {request.script_id(), request.version(), fingerprint});
    }
    return absl::OkStatus();
  });
}

absl::Status ScriptApi::ValidateScriptVersion(const auth::Principal& who,
                                              const v1::ValidateScriptVersionRequest& request,
                                              v1::ValidateScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kReaders, runtime_.context().region, "validate scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  if (!violations.empty()) return violations.ToStatus();
  std::optional<v1::Script> script;
  std::optional<ScriptStore::StoredVersion> stored;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    script = scripts_.FindScript(tx, request.script_id());
    if (!script) return ScriptNotFound(request.script_id());
    stored = scripts_.FindVersion(tx, request.script_id(), request.version());
    if (!stored) return VersionNotFound(request.script_id(), request.version());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::vector<ScriptIssue> issues = FindScriptIssues(ToDocument(stored->version), TypeOf(*script));
  response.set_valid(issues.empty());
  AddIssues(issues, response.mutable_issues());
  return absl::OkStatus();
}

// ---- Review ----

absl::Status ScriptApi::Review(const auth::Principal& who, const ReviewCall& call,
                               v1::ScriptVersion& out) {
  const std::string verb = VerbName(call.verb);
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(call.request);
  v1::ScriptVersion result;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!call.request_id.empty()) {
      if (auto earlier = scripts_.FindRequest(tx, verb, call.request_id)) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        auto current = scripts_.FindVersion(tx, earlier->script_id, earlier->version);
        if (!current) return VersionNotFound(earlier->script_id, earlier->version);
        result = std::move(current->version);
        return absl::OkStatus();
      }
    }
    std::optional<v1::Script> script = scripts_.FindScript(tx, call.script_id);
    if (!script) return ScriptNotFound(call.script_id);
    std::optional<ScriptStore::StoredVersion> stored =
        scripts_.FindVersion(tx, call.script_id, call.version, /*for_update=*/true);
    if (!stored) return VersionNotFound(call.script_id, call.version);
    v1::ScriptVersion& version = stored->version;
    if (absl::Status fresh = CheckRevision(call.revision, version.revision(), "script version");
        !fresh.ok()) {
      return fresh;
    }
    ReviewFacts facts{static_cast<ScriptVersionState>(version.state()), version.author_id(),
                      stored->editor_ids, 0};
    if (call.verb == ReviewVerb::kSubmit) {
      facts.issue_count = FindScriptIssues(ToDocument(version), TypeOf(*script)).size();
    }
    absl::StatusOr<ScriptVersionState> next = ApplyReviewVerb(facts, call.verb, who.subject);
    if (!next.ok()) return next.status();

    const v1::ScriptVersionState previous = version.state();
    const TimePoint now = clock.Now();
    version.set_state(static_cast<v1::ScriptVersionState>(*next));
    call.record(*stored, now);
    version.set_revision(version.revision() + 1);
    *version.mutable_update_time() = grpcx::ToProtoTime(now);
    scripts_.UpdateVersion(tx, *stored);
    Announce(tx, version, previous);
    if (!call.request_id.empty()) {
      scripts_.SaveRequest(tx, verb, call.request_id,
                           {call.script_id, call.version, fingerprint});
    }
    result = version;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  out = std::move(result);
  return absl::OkStatus();
}

absl::Status ScriptApi::SubmitScriptVersion(const auth::Principal& who,
                                            const v1::SubmitScriptVersionRequest& request,
                                            v1::SubmitScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "submit scripts for review");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (!violations.empty()) return violations.ToStatus();
  return Review(who,
                {ReviewVerb::kSubmit, request.script_id(), request.version(), request.revision(),
                 request.request_id(), request,
                 [](ScriptStore::StoredVersion& stored, TimePoint now) {
                   *stored.version.mutable_submit_time() = grpcx::ToProtoTime(now);
                 }},
                *response.mutable_script_version());
}

absl::Status ScriptApi::ApproveScriptVersion(const auth::Principal& who,
                                             const v1::ApproveScriptVersionRequest& request,
                                             v1::ApproveScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "review scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  CheckNote(request.comment(), "comment", violations);
  if (!violations.empty()) return violations.ToStatus();
  return Review(who,
                {ReviewVerb::kApprove, request.script_id(), request.version(), request.revision(),
                 request.request_id(), request,
                 [&](ScriptStore::StoredVersion& stored, TimePoint now) {
                   stored.version.set_reviewer_id(who.subject);
                   stored.version.set_review_comment(request.comment());
                   *stored.version.mutable_approve_time() = grpcx::ToProtoTime(now);
                 }},
                *response.mutable_script_version());
}

absl::Status ScriptApi::RejectScriptVersion(const auth::Principal& who,
                                            const v1::RejectScriptVersionRequest& request,
                                            v1::RejectScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "review scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  if (request.comment().empty()) violations.Add("comment", "required: what the author must fix");
  CheckNote(request.comment(), "comment", violations);
  if (!violations.empty()) return violations.ToStatus();
  return Review(who,
                {ReviewVerb::kReject, request.script_id(), request.version(), request.revision(),
                 request.request_id(), request,
                 [&](ScriptStore::StoredVersion& stored, TimePoint) {
                   stored.version.set_reviewer_id(who.subject);
                   stored.version.set_review_comment(request.comment());
                 }},
                *response.mutable_script_version());
}

absl::Status ScriptApi::RetireScriptVersion(const auth::Principal& who,
                                            const v1::RetireScriptVersionRequest& request,
                                            v1::RetireScriptVersionResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kAuthors, runtime_.context().region, "retire scripts");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
  CheckVersion(request.version(), "version", violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  CheckNote(request.reason(), "reason", violations);
  if (!violations.empty()) return violations.ToStatus();
  return Review(who,
                {ReviewVerb::kRetire, request.script_id(), request.version(), 0,
                 request.request_id(), request,
                 [&](ScriptStore::StoredVersion& stored, TimePoint now) {
                   *stored.version.mutable_retire_time() = grpcx::ToProtoTime(now);
                   stored.retire_reason = request.reason();
                 }},
                *response.mutable_script_version());
}

// ---- Rendering ----

absl::Status ScriptApi::RenderScript(const auth::Principal& who,
                                     const v1::RenderScriptRequest& request,
                                     v1::RenderScriptResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kRenderers, runtime_.context().region, "render scripts");
      !allowed.ok()) {
    return allowed;
  }
  const bool preview = request.script_version() != 0 || !request.script_id().empty();
  Violations violations;
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", violations);
  if (preview) {
    grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
    CheckVersion(request.script_version(), "script_version", violations);
    if (!request.campaign_id().empty() && !Uuid::Parse(request.campaign_id())) {
      violations.Add("campaign_id", "not a campaign id (a UUID)");
    }
  } else {
    grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", violations);
  }
  if (!violations.empty()) return violations.ToStatus();

  CampaignScriptRef ref{request.script_id(), request.script_version(), "", {}};
  if (!preview) {
    absl::StatusOr<CampaignScriptRef> resolved =
        campaign_scripts_.ScriptFor(request.campaign_id(), request.customer_id());
    if (!resolved.ok()) return resolved.status();
    ref = *std::move(resolved);
  }
  absl::StatusOr<v1::ScriptVersion> version = absl::NotFoundError("");
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    version = scripts_.GetVersion(tx, ref.script_id, ref.script_version);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!version.ok()) return version.status();
  if (!IsApprovedContent(version->state())) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "version ", ref.script_version, " of script ", ref.script_id, " is ",
            std::string(ScriptVersionStateName(static_cast<ScriptVersionState>(version->state()))),
            ": only approved versions are rendered")),
        "SCRIPT_NOT_APPROVED");
  }
  // Outside any transaction: never hold a connection while waiting on contacts.
  absl::StatusOr<telemarketing::contacts::v1::Customer> customer =
      customers_.GetCustomer(who, request.customer_id());
  if (!customer.ok()) return customer.status();

  const TimePoint now = runtime_.context().clock.Now();
  // Fields masked by default stay masked unless the campaign lists them as visible (R6 data
  // minimisation); an editor preview shows the defaults.
  const std::set<std::string> visible(ref.visible_customer_fields.begin(),
                                      ref.visible_customer_fields.end());
  RenderedDocument rendered = campaigns::RenderScript(
      ToDocument(*version), MergeValuesFor(ToCustomerView(*customer), UtcYear(now), visible));
  v1::RenderedScript& out = *response.mutable_rendered_script();
  out.set_campaign_id(request.campaign_id());
  out.set_customer_id(request.customer_id());
  out.set_variant_id(ref.variant_id);
  *out.mutable_content() = *std::move(version);
  SetContent(rendered.document, *out.mutable_content());
  for (std::string& path : rendered.missing_fields) out.add_missing_fields(std::move(path));
  *out.mutable_render_time() = grpcx::ToProtoTime(now);
  return absl::OkStatus();
}

absl::Status ScriptApi::ListMergeFields(const auth::Principal& who,
                                        const v1::ListMergeFieldsRequest& request,
                                        v1::ListMergeFieldsResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, RoleSet::All(), runtime_.context().region, "read merge fields");
      !allowed.ok()) {
    return allowed;
  }
  const std::vector<MergeFieldSpec>& catalog = MergeFieldCatalog();
  Violations violations;
  const size_t limit = grpcx::PageLimit(request.page_size(), violations);
  size_t offset = 0;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor =
        grpcx::DecodePageToken(request.page_token(), "merge-fields");
    if (!cursor || !absl::SimpleAtoi(*cursor, &offset) || offset > catalog.size()) {
      violations.Add("page_token", "not a token of this listing");
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid listing");
  const size_t end = std::min(catalog.size(), offset + limit);
  for (size_t i = offset; i < end; ++i) *response.add_merge_fields() = ToProto(catalog[i]);
  if (end < catalog.size()) {
    response.set_next_page_token(grpcx::EncodePageToken("merge-fields", absl::StrCat(end)));
  }
  return absl::OkStatus();
}

}  // namespace tmk::campaigns
