// The review of script versions (R9): submit, approve, reject and retire, each one transaction
// through Review — idempotency, revision check, the domain transition (four eyes, no issues at
// submission), the verb's own fields, store and ScriptVersionChanged event.
#include "services/campaigns/api/script_api.h"
#include "services/campaigns/api/script_mapping.h"
#include "services/campaigns/domain/script_validator.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

// The verb's name among recorded request ids.
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

}  // namespace

absl::Status ScriptApi::Review(const auth::Principal& who, const ReviewCall& call,
                               v1::ScriptVersion& out) {
  const Clock& clock = runtime_.context().clock;
  const RequestKey key{VerbName(call.verb), call.request_id,
                       grpcx::RequestFingerprint(call.request)};
  v1::ScriptVersion result;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (std::optional<absl::Status> replayed = Replay(tx, key, result)) return *replayed;
    absl::StatusOr<v1::Script> script = LoadScript(tx, call.script_id);
    if (!script.ok()) return script.status();
    absl::StatusOr<ScriptStore::StoredVersion> stored =
        LockVersion(tx, call.script_id, call.version, call.revision);
    if (!stored.ok()) return stored.status();
    v1::ScriptVersion& version = stored->version;
    ReviewFacts facts{static_cast<ScriptVersionState>(version.state()), version.author_id(),
                      stored->editor_ids, 0};
    if (call.verb == ReviewVerb::kSubmit) {
      facts.issue_count = FindScriptIssues(ToDocument(version), CampaignTypeOf(*script)).size();
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
    Remember(tx, key, call.script_id, call.version);
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
  if (absl::Status allowed = Authorize(who, kAuthors, "submit scripts for review");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
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
  if (absl::Status allowed = Authorize(who, kAuthors, "review scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
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
  if (absl::Status allowed = Authorize(who, kAuthors, "review scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
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
  if (absl::Status allowed = Authorize(who, kAuthors, "retire scripts"); !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckVersionName(request.script_id(), request.version(), violations);
  grpcx::CheckRequestId(request.request_id(), violations);
  CheckNote(request.reason(), "reason", violations);
  if (!violations.empty()) return violations.ToStatus();
  return Review(who,
                {ReviewVerb::kRetire, request.script_id(), request.version(), 0,
                 request.request_id(), request,
                 [&](ScriptStore::StoredVersion& stored, TimePoint now) {
                   *stored.version.mutable_retire_time() = grpcx::ToProtoTime(now);
                   stored.version.set_retire_reason(request.reason());
                 }},
                *response.mutable_script_version());
}

}  // namespace tmk::campaigns
