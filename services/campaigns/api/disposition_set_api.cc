#include "services/campaigns/api/disposition_set_api.h"

#include <google/protobuf/util/field_mask_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/campaigns/api/disposition_mapping.h"
#include "services/campaigns/api/revise.h"
#include "services/campaigns/domain/disposition_rules.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using auth::Role;
using google::protobuf::util::FieldMaskUtil;

namespace {

constexpr char kListKind[] = "disposition-sets";
constexpr char kWhat[] = "disposition set";

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError(absl::StrCat("disposition set ", id, " not found"));
}

// Every problem of a set as a whole, under "disposition_set".
Violations CheckSet(const v1::DispositionSet& set) {
  Violations v;
  CheckDispositionSet(ToDomain(set), "disposition_set", v);
  return v;
}

}  // namespace

DispositionSetApi::DispositionSetApi(server::ServiceRuntime& runtime, CampaignSnapshots& snapshots)
    : runtime_(runtime), snapshots_(snapshots) {}

// Supervisors and admins design campaigns; everyone who works or reports on them reads the codes.
absl::Status DispositionSetApi::AuthorizeWrite(const auth::Principal& who,
                                               std::string_view action) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, runtime_.context().region, action);
}

absl::Status DispositionSetApi::AuthorizeRead(const auth::Principal& who) const {
  return auth::Authorize(who, auth::RoleSet::All(), runtime_.context().region,
                         "read disposition sets");
}

absl::Status DispositionSetApi::CreateDispositionSet(const auth::Principal& who,
                                                     const v1::CreateDispositionSetRequest& request,
                                                     v1::CreateDispositionSetResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create disposition sets"); !allowed.ok()) {
    return allowed;
  }
  Violations v = CheckSet(request.disposition_set());
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid disposition set");

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  // Output-only fields are ignored on input (AIP-203).
  v1::DispositionSet set;
  set.set_display_name(request.disposition_set().display_name());
  set.set_description(request.disposition_set().description());
  *set.mutable_dispositions() = request.disposition_set().dispositions();
  set.set_disposition_set_id(NewId(clock));
  *set.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
  *set.mutable_update_time() = set.create_time();
  set.set_revision(1);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = sets_.FindRequest(tx, "create", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::DispositionSet> existing = sets_.Find(tx, earlier->disposition_set_id);
        if (!existing) return NotFound(earlier->disposition_set_id);
        *response.mutable_disposition_set() = *std::move(existing);
        return absl::OkStatus();
      }
      sets_.SaveRequest(tx, "create", request.request_id(),
                        {set.disposition_set_id(), fingerprint});
    }
    sets_.Insert(tx, set);
    *response.mutable_disposition_set() = set;
    return absl::OkStatus();
  });
}

absl::Status DispositionSetApi::GetDispositionSet(const auth::Principal& who,
                                                  const v1::GetDispositionSetRequest& request,
                                                  v1::GetDispositionSetResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.disposition_set_id(), "disposition_set_id", kWhat, v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<v1::DispositionSet> set = sets_.Find(tx, request.disposition_set_id());
    if (!set) return NotFound(request.disposition_set_id());
    *response.mutable_disposition_set() = *std::move(set);
    return absl::OkStatus();
  });
}

absl::Status DispositionSetApi::ListDispositionSets(const auth::Principal& who,
                                                    const v1::ListDispositionSetsRequest& request,
                                                    v1::ListDispositionSetsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kListKind, v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::DispositionSet> page = sets_.List(tx, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::DispositionSet& set : page) *response.add_disposition_sets() = std::move(set);
    if (more) {
      response.set_next_page_token(grpcx::NextPageToken(
          kListKind, response.disposition_sets(limit - 1).disposition_set_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status DispositionSetApi::UpdateDispositionSet(const auth::Principal& who,
                                                     const v1::UpdateDispositionSetRequest& request,
                                                     v1::UpdateDispositionSetResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update disposition sets"); !allowed.ok()) {
    return allowed;
  }
  const v1::DispositionSet& in = request.disposition_set();
  const std::string& id = in.disposition_set_id();
  {
    Violations v;
    grpcx::CheckResourceId(id, "disposition_set.disposition_set_id", kWhat, v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
    for (int i = 0; i < request.update_mask().paths_size(); ++i) {
      const std::string& path = request.update_mask().paths(i);
      if (path != "display_name" && path != "description" && path != "dispositions") {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              absl::StrCat("'", path.substr(0, 64),
                           "' cannot be changed; use display_name, description or dispositions"));
      }
    }
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = sets_.FindRequest(tx, "update", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<v1::DispositionSet> current = sets_.Find(tx, earlier->disposition_set_id);
        if (!current) return NotFound(earlier->disposition_set_id);
        *response.mutable_disposition_set() = *std::move(current);
        return absl::OkStatus();
      }
    }
    std::optional<v1::DispositionSet> before = sets_.FindForUpdate(tx, id);
    if (!before) return NotFound(id);
    if (in.revision() != 0 && in.revision() != before->revision()) {
      return grpcx::RevisionMismatch(in.revision(), before->revision(), kWhat);
    }
    v1::DispositionSet after = *before;
    FieldMaskUtil::MergeOptions replace;
    replace.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(in, request.update_mask(), replace, &after);
    Violations v = CheckSet(after);
    CheckDispositionSetChange(ToDomain(*before), ToDomain(after), "disposition_set", v);
    if (!v.empty()) return v.ToStatus("invalid disposition set");
    if (!request.request_id().empty()) {
      sets_.SaveRequest(tx, "update", request.request_id(), {id, fingerprint});
    }
    if (!Revise(*before, after, clock.Now())) {
      *response.mutable_disposition_set() = *std::move(before);
      return absl::OkStatus();
    }
    sets_.Update(tx, after);
    // Campaign snapshots carry the set (R31): dialing sees the new codes with the change.
    snapshots_.PublishUsingDispositionSet(tx, id);
    *response.mutable_disposition_set() = std::move(after);
    return absl::OkStatus();
  });
}

absl::Status DispositionSetApi::DeleteDispositionSet(const auth::Principal& who,
                                                     const v1::DeleteDispositionSetRequest& request,
                                                     v1::DeleteDispositionSetResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete disposition sets"); !allowed.ok()) {
    return allowed;
  }
  const std::string& id = request.disposition_set_id();
  {
    Violations v;
    grpcx::CheckResourceId(id, "disposition_set_id", kWhat, v);
    grpcx::CheckRequestId(request.request_id(), v);
    if (!v.empty()) return v.ToStatus();
  }
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = sets_.FindRequest(tx, "delete", request.request_id())) {
        return earlier->fingerprint == fingerprint ? absl::OkStatus() : grpcx::ReusedRequestId();
      }
    }
    // The row lock orders this with a campaign attaching the set (if it locks the set too).
    std::optional<v1::DispositionSet> found = sets_.FindForUpdate(tx, id);
    if (!found) return NotFound(id);
    if (request.revision() != 0 && request.revision() != found->revision()) {
      return grpcx::RevisionMismatch(request.revision(), found->revision(), kWhat);
    }
    const std::vector<std::string> users = campaigns_.IdsUsingDispositionSet(tx, id);
    if (!users.empty()) {
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "disposition set ", id, " is used by campaigns ", absl::StrJoin(users, ", "),
              ": give them another set or archive them first")),
          "DISPOSITION_SET_IN_USE");
    }
    sets_.Delete(tx, id);
    if (!request.request_id().empty()) {
      sets_.SaveRequest(tx, "delete", request.request_id(), {id, fingerprint});
    }
    return absl::OkStatus();
  });
}

}  // namespace tmk::campaigns
