// UpdateCustomer (R1, R3 profile completion): a field-masked change with optimistic concurrency,
// validated by the same rules as a new customer, committed with one profile-change row per
// changed field and the new CustomerSnapshot in the outbox, all in one transaction.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/contacts/api/attribute_mapping.h"
#include "services/contacts/api/customer_api.h"
#include "services/contacts/api/customer_change_writer.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/domain/customer_update.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;

namespace {

// Gives the new contact points their normalised form, and keeps the id, creation time and (unless
// the request sets one) the status of each point whose normalised value the customer already had.
void ReconcileContactPoints(const v1::Customer& before,
                            const std::vector<NormalizedContact>& normalized,
                            const std::string& call_id, const Clock& clock, TimePoint now,
                            v1::Customer& after) {
  std::vector<std::string> existing, wanted;
  for (const v1::ContactPoint& p : before.contact_points()) existing.push_back(p.normalized_value());
  for (const NormalizedContact& n : normalized) wanted.push_back(n.normalized);
  std::vector<int> match = MatchContactPoints(existing, wanted);
  for (int i = 0; i < after.contact_points_size(); ++i) {
    v1::ContactPoint* p = after.mutable_contact_points(i);
    p->set_type(ToProto(normalized[i].kind));
    p->set_normalized_value(normalized[i].normalized);
    p->set_masked(false);
    if (match[i] >= 0) {
      const v1::ContactPoint& old = before.contact_points(match[i]);
      p->set_contact_point_id(old.contact_point_id());
      *p->mutable_create_time() = old.create_time();
      if (p->status() == v1::CONTACT_POINT_STATUS_UNSPECIFIED) p->set_status(old.status());
      if (p->source().empty()) p->set_source(old.source());
      // What list screening recorded stays with the status it explains (R2).
      if (p->status() == old.status()) {
        p->set_status_reason(old.status_reason());
        p->set_status_call_id(old.status_call_id());
        *p->mutable_status_update_time() = old.status_update_time();
      } else {
        StampStatus(call_id, now, *p);
      }
    } else {
      p->set_contact_point_id(NewId(clock));
      *p->mutable_create_time() = grpcx::ToProtoTime(now);
      if (p->status() == v1::CONTACT_POINT_STATUS_UNSPECIFIED) {
        p->set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
      }
      if (p->source().empty()) p->set_source(call_id.empty() ? "api" : "agent:" + call_id);
      StampStatus(call_id, now, *p);
    }
  }
}

// The custom attributes the mask sets, against their definitions (R1): all of them for
// "custom_attributes", one for "custom_attributes.<key>"; the others are left as they are.
absl::Status CheckMaskedAttributes(pqxx::work& tx, const AttributeDefinitionStore& definitions,
                                   const std::vector<std::string>& paths,
                                   const v1::Customer& after) {
  constexpr std::string_view kPrefix = "custom_attributes.";
  std::vector<std::string> keys;
  for (const std::string& path : paths) {
    if (path == "custom_attributes") {
      return CheckCustomAttributes(tx, definitions, after, {}, "customer.custom_attributes");
    }
    if (path.rfind(kPrefix, 0) == 0) keys.push_back(path.substr(kPrefix.size()));
  }
  if (keys.empty()) return absl::OkStatus();
  return CheckCustomAttributes(tx, definitions, after, keys, "customer.custom_attributes");
}

}  // namespace

absl::Status CustomerApi::UpdateCustomer(const auth::Principal& who, const std::string& peer,
                                         const v1::UpdateCustomerRequest& request,
                                         v1::UpdateCustomerResponse& answer) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(
          who, {Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kIntegrator, Role::kSystem},
          region, "update customers");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& customer_id = request.customer().customer_id();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  {
    Violations v;
    if (request.request_id().size() > 128) v.Add("request_id", "at most 128 characters");
    if (customer_id.empty()) {
      v.Add("customer.customer_id", "required");
    } else if (!Uuid::Parse(customer_id)) {
      v.Add("customer.customer_id", "not a customer id (a UUID)");
    }
    for (const FieldViolation& f : FieldViolationsOf(ValidateUpdateMask(paths))) {
      v.Add(f.field, f.description);
    }
    if (!v.empty()) return v.ToStatus("invalid update");
  }

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  const bool masks_contact_points =
      std::find(paths.begin(), paths.end(), "contact_points") != paths.end();
  v1::Customer& response = *answer.mutable_customer();
  // The answer carries the whole record, fields the caller did not send included: audited (R6).
  auto respond = [&](pqxx::work& tx, v1::Customer customer) {
    if (!SeesFullNumbers(who)) MaskContactPoints(customer);
    auditor_.RecordCustomers(tx, {who, peer, "UpdateCustomer", request.context()},
                             v1::ACCESS_KIND_READ, absl::MakeConstSpan(&customer, 1));
    response = std::move(customer);
  };
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = customers_.FindUpdateRequest(tx, request.request_id())) {
        if (earlier->fingerprint != fingerprint) {
          return WithReason(
              absl::AlreadyExistsError("request_id was already used for a different update"),
              "REQUEST_ID_REUSED");
        }
        std::optional<v1::Customer> current = customers_.Find(tx, earlier->customer_id);
        if (!current) return absl::NotFoundError("the updated customer no longer exists");
        respond(tx, *std::move(current));
        return absl::OkStatus();
      }
    }
    std::optional<v1::Customer> before = customers_.Find(tx, customer_id, /*for_update=*/true);
    if (!before) return absl::NotFoundError(absl::StrCat("customer ", customer_id, " not found"));
    if (absl::Status owned = CheckOwned(*before, region); !owned.ok()) return owned;
    if (!request.customer().etag().empty() && request.customer().etag() != before->etag()) {
      return WithReason(absl::AbortedError(absl::StrCat(
                            "etag '", request.customer().etag(), "' is stale; the customer is at '",
                            before->etag(), "': read it again and retry")),
                        "ETAG_MISMATCH");
    }
    v1::Customer after = *before;
    ApplyUpdateMask(request.customer(), paths, after);
    absl::StatusOr<std::vector<NormalizedContact>> points =
        ValidateCustomerProfile(ToNewCustomer(after), CurrentYear(clock));
    if (!points.ok()) return points.status();
    if (absl::Status attributes = CheckMaskedAttributes(tx, definitions_, paths, after);
        !attributes.ok()) {
      return attributes;
    }
    TimePoint now = clock.Now();
    if (masks_contact_points) {
      ReconcileContactPoints(*before, *points, request.context().call_id(), clock, now, after);
    }

    std::vector<ProfileFieldChange> changes =
        DiffProfile(paths, RenderPaths(*before, paths), RenderPaths(after, paths));
    if (!request.request_id().empty()) {
      customers_.SaveUpdateRequest(tx, request.request_id(), fingerprint, customer_id);
    }
    if (changes.empty()) {  // nothing to record: no new version, no event
      respond(tx, *std::move(before));
      return absl::OkStatus();
    }
    if (absl::Status committed =
            writer_.Commit(tx, AuthorOf(who, region, request.context()), changes, after);
        !committed.ok()) {
      return committed;
    }
    respond(tx, std::move(after));
    return absl::OkStatus();
  });
  return status;
}

}  // namespace tmk::contacts
