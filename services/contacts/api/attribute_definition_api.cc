#include "services/contacts/api/attribute_definition_api.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/contacts/api/attribute_mapping.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;

namespace {

// The customer schema is administered, not edited on calls.
constexpr RoleSet kDefines{Role::kSupervisor, Role::kAdmin};
constexpr char kPrefix[] = "attribute_definition";
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

bool IsKeyCursor(const std::string& key) { return IsAttributeKey(key); }

void CheckKey(const std::string& key, const std::string& field, Violations& v) {
  if (key.empty()) {
    v.Add(field, "required");
  } else if (!IsAttributeKey(key)) {
    v.Add(field, "lower_snake_case: 1-64 characters of a-z, 0-9 and '_', starting with a letter");
  }
}

absl::Status NotFound(const std::string& key) {
  return absl::NotFoundError(absl::StrCat("attribute definition '", key, "' not found"));
}

absl::Status CheckEtag(const std::string& given, const v1::AttributeDefinition& current) {
  if (given.empty() || given == current.etag()) return absl::OkStatus();
  return WithReason(absl::AbortedError(absl::StrCat("etag '", given, "' is stale; the definition "
                                                    "is at '", current.etag(),
                                                    "': read it again and retry")),
                    "ETAG_MISMATCH");
}

}  // namespace

absl::Status AttributeDefinitionApi::ReadInto(pqxx::work& tx, const std::string& key,
                                              v1::AttributeDefinition& out) const {
  std::optional<v1::AttributeDefinition> found = definitions_.Find(tx, key);
  if (!found) return NotFound(key);
  out = *std::move(found);
  return absl::OkStatus();
}

absl::Status AttributeDefinitionApi::Mutate(const std::string& verb, const std::string& request_id,
                                            const std::string& fingerprint,
                                            const pg::ReplayChange& replay,
                                            const pg::MakeChange& change) {
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return pg::RunIdempotent(tx, requests_, verb, request_id, fingerprint, replay, change);
  });
}

absl::Status AttributeDefinitionApi::CreateAttributeDefinition(
    const auth::Principal& who, const v1::CreateAttributeDefinitionRequest& request,
    v1::CreateAttributeDefinitionResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kDefines, region, "define attributes");
      !allowed.ok()) {
    return allowed;
  }
  const v1::AttributeDefinition& in = request.attribute_definition();
  {
    Violations v;
    grpcx::CheckRequestId(request.request_id(), v);
    for (const FieldViolation& f :
         FieldViolationsOf(ValidateAttributeDefinition(ToDomain(in), kPrefix))) {
      v.Add(f.field, f.description);
    }
    if (!v.empty()) return v.ToStatus("invalid attribute definition");
  }
  const Clock& clock = runtime_.context().clock;
  auto replay = [&](pqxx::work& tx, const std::string& key) {
    return ReadInto(tx, key, *response.mutable_attribute_definition());
  };
  auto create = [&](pqxx::work& tx, std::string& key) -> absl::Status {
    v1::AttributeDefinition d = in;
    *d.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
    *d.mutable_update_time() = d.create_time();
    d.set_etag(NewId(clock));
    if (!definitions_.Insert(tx, d)) {
      return WithReason(absl::AlreadyExistsError(absl::StrCat(
                            "attribute '", d.attribute_key(), "' is already defined")),
                        "ATTRIBUTE_DEFINED");
    }
    key = d.attribute_key();
    *response.mutable_attribute_definition() = std::move(d);
    return absl::OkStatus();
  };
  return Mutate("CreateAttributeDefinition", request.request_id(), grpcx::RequestFingerprint(request), replay, create);
}

absl::Status AttributeDefinitionApi::GetAttributeDefinition(
    const auth::Principal& who, const v1::GetAttributeDefinitionRequest& request,
    v1::GetAttributeDefinitionResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "read attribute definitions");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckKey(request.attribute_key(), "attribute_key", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return ReadInto(tx, request.attribute_key(), *response.mutable_attribute_definition());
  });
}

absl::Status AttributeDefinitionApi::ListAttributeDefinitions(
    const auth::Principal& who, const v1::ListAttributeDefinitionsRequest& request,
    v1::ListAttributeDefinitionsResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "read attribute definitions");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.page_size() < 0) v.Add("page_size", "must not be negative");
  std::optional<std::string> after =
      grpcx::PageCursor(request.page_token(), "attribute_definitions", v, IsKeyCursor);
  if (!v.empty()) return v.ToStatus();
  const int limit = request.page_size() == 0 ? kDefaultPageSize
                                             : std::min(request.page_size(), kMaxPageSize);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::vector<v1::AttributeDefinition> page = definitions_.List(tx, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::AttributeDefinition& d : page) *response.add_attribute_definitions() = std::move(d);
    if (more) {
      response.set_next_page_token(grpcx::NextPageToken(
          "attribute_definitions", response.attribute_definitions(limit - 1).attribute_key()));
    }
    return absl::OkStatus();
  });
}

absl::Status AttributeDefinitionApi::UpdateAttributeDefinition(
    const auth::Principal& who, const v1::UpdateAttributeDefinitionRequest& request,
    v1::UpdateAttributeDefinitionResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kDefines, region, "define attributes");
      !allowed.ok()) {
    return allowed;
  }
  const v1::AttributeDefinition& patch = request.attribute_definition();
  const std::string& key = patch.attribute_key();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  Violations v;
  grpcx::CheckRequestId(request.request_id(), v);
  CheckKey(key, "attribute_definition.attribute_key", v);
  if (!v.empty()) return v.ToStatus();
  const Clock& clock = runtime_.context().clock;

  auto replay = [&](pqxx::work& tx, const std::string&) {
    return ReadInto(tx, key, *response.mutable_attribute_definition());
  };
  auto update = [&](pqxx::work& tx, std::string& resource_id) -> absl::Status {
    resource_id = key;
    std::optional<v1::AttributeDefinition> stored = definitions_.Find(tx, key, /*for_update=*/true);
    if (!stored) return NotFound(key);
    if (absl::Status fresh = CheckEtag(patch.etag(), *stored); !fresh.ok()) return fresh;
    AttributeDefinition current = ToDomain(*stored);
    std::vector<std::string> removed;
    if (absl::Status applied = ApplyDefinitionUpdate(ToDomain(patch), paths, kPrefix, current, removed);
        !applied.ok()) {
      return applied;
    }
    if (std::vector<std::string> in_use = definitions_.ValuesInUse(tx, key, removed);
        !in_use.empty()) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "customers still carry ", absl::StrJoin(in_use, ", "), " as '", key,
                            "': change them first")),
                        "ALLOWED_VALUE_IN_USE");
    }
    v1::AttributeDefinition d = *stored;
    d.set_display_name(current.display_name);
    d.set_description(current.description);
    d.mutable_allowed_values()->Assign(current.allowed_values.begin(),
                                       current.allowed_values.end());
    d.set_personal_data(current.personal_data);
    *d.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
    d.set_etag(NewId(clock));
    definitions_.Update(tx, d);
    *response.mutable_attribute_definition() = std::move(d);
    return absl::OkStatus();
  };
  return Mutate("UpdateAttributeDefinition", request.request_id(), grpcx::RequestFingerprint(request), replay, update);
}

absl::Status AttributeDefinitionApi::DeleteAttributeDefinition(
    const auth::Principal& who, const v1::DeleteAttributeDefinitionRequest& request,
    v1::DeleteAttributeDefinitionResponse&) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kDefines, region, "define attributes");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& key = request.attribute_key();
  Violations v;
  grpcx::CheckRequestId(request.request_id(), v);
  CheckKey(key, "attribute_key", v);
  if (!v.empty()) return v.ToStatus();

  auto replay = [](pqxx::work&, const std::string&) { return absl::OkStatus(); };
  auto remove = [&](pqxx::work& tx, std::string& resource_id) -> absl::Status {
    resource_id = key;
    std::optional<v1::AttributeDefinition> stored = definitions_.Find(tx, key, /*for_update=*/true);
    if (!stored) return NotFound(key);
    if (absl::Status fresh = CheckEtag(request.etag(), *stored); !fresh.ok()) return fresh;
    if (definitions_.InUse(tx, key)) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "customers still carry '", key, "': remove it from them first")),
                        "ATTRIBUTE_IN_USE");
    }
    definitions_.Delete(tx, key);
    return absl::OkStatus();
  };
  return Mutate("DeleteAttributeDefinition", request.request_id(), grpcx::RequestFingerprint(request), replay, remove);
}

}  // namespace tmk::contacts
