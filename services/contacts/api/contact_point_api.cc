#include "services/contacts/api/contact_point_api.h"

#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/domain/contact_point_rules.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;

namespace {

// Agents add and correct points during calls (R3); list screening runs as a batch (R2).
// Role system: dialing forwarding what an agent learnt on a call (R2, R3).
constexpr RoleSet kEditsPoints{Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kIntegrator,
                               Role::kSystem};
constexpr RoleSet kScreensLists{Role::kSupervisor, Role::kAdmin, Role::kIntegrator, Role::kSystem};

ContactPointInput ToInput(const v1::ContactPoint& p) {
  return {ToContactKind(p.type()), p.value(), static_cast<PointStatus>(p.status()), p.label(),
          p.source()};
}

std::string PointPath(const std::string& contact_point_id) {
  return "contact_points." + contact_point_id;
}

// The customer's points but `except`, as the rules see them.
std::vector<ExistingPoint> PointsOf(const v1::Customer& c, const std::string& except = "") {
  std::vector<ExistingPoint> out;
  for (const v1::ContactPoint& p : c.contact_points()) {
    if (p.contact_point_id() != except) out.push_back({p.contact_point_id(), p.normalized_value()});
  }
  return out;
}

v1::ContactPoint* FindPoint(v1::Customer& c, const std::string& contact_point_id) {
  for (v1::ContactPoint& p : *c.mutable_contact_points()) {
    if (p.contact_point_id() == contact_point_id) return &p;
  }
  return nullptr;
}

absl::Status PointNotFound(const std::string& customer_id, const std::string& contact_point_id) {
  return absl::NotFoundError(absl::StrCat("contact point ", contact_point_id, " of customer ",
                                          customer_id, " not found"));
}

// Records `field` of a point when an update changed it.
void NoteField(const v1::ContactPoint& before, const v1::ContactPoint& after,
               const std::string& field, std::vector<ProfileFieldChange>& changes) {
  std::string old_value = RenderContactPointField(before, field);
  std::string new_value = RenderContactPointField(after, field);
  if (old_value != new_value) {
    changes.push_back({PointPath(after.contact_point_id()) + "." + field, old_value, new_value});
  }
}

// At most one primary point per type (R2): making `primary` the one demotes the others.
void DemoteOthers(const v1::ContactPoint& primary, v1::Customer& customer,
                  std::vector<ProfileFieldChange>& changes) {
  for (v1::ContactPoint& p : *customer.mutable_contact_points()) {
    if (p.contact_point_id() == primary.contact_point_id() || p.type() != primary.type() ||
        !p.primary()) {
      continue;
    }
    v1::ContactPoint before = p;
    p.set_primary(false);
    NoteField(before, p, "primary", changes);
  }
}

}  // namespace

ContactPointApi::ContactPointApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                                 HybridLogicalClock& hlc)
    : runtime_(runtime),
      customers_(cipher),
      history_(cipher),
      writer_(customers_, history_, hlc, runtime.context().clock, runtime.context().region) {}

absl::Status ContactPointApi::Mutate(const std::string& verb, const std::string& request_id,
                                     const std::string& fingerprint, const pg::ReplayChange& replay,
                                     const pg::MakeChange& change) {
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return pg::RunIdempotent(tx, requests_, verb, request_id, fingerprint, replay, change);
  });
}

absl::StatusOr<v1::Customer> ContactPointApi::LoadOwned(pqxx::work& tx,
                                                        const std::string& customer_id,
                                                        const std::string& field) const {
  std::optional<v1::Customer> customer = customers_.Find(tx, customer_id, /*for_update=*/true);
  if (!customer) {
    return absl::NotFoundError(absl::StrCat(field, ": customer ", customer_id, " not found"));
  }
  if (absl::Status owned = CheckOwned(*customer, runtime_.context().region); !owned.ok()) {
    return owned;
  }
  return *std::move(customer);
}

absl::Status ContactPointApi::ReadPoint(pqxx::work& tx, const auth::Principal& who,
                                        const std::string& customer_id,
                                        const std::string& contact_point_id,
                                        v1::ContactPoint& out) const {
  std::optional<v1::Customer> customer = customers_.Find(tx, customer_id);
  v1::ContactPoint* point = customer ? FindPoint(*customer, contact_point_id) : nullptr;
  if (point == nullptr) return PointNotFound(customer_id, contact_point_id);
  out = *point;
  if (!SeesFullNumbers(who)) MaskContactPoint(out);
  return absl::OkStatus();
}

absl::Status ContactPointApi::CreateContactPoint(const auth::Principal& who,
                                                 const v1::CreateContactPointRequest& request,
                                                 v1::CreateContactPointResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kEditsPoints, region, "add contact points");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckRequestId(request.request_id(), v);
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  if (!v.empty()) return v.ToStatus();
  const Clock& clock = runtime_.context().clock;
  const std::string& call_id = request.context().call_id();

  auto replay = [&](pqxx::work& tx, const std::string& point_id) {
    return ReadPoint(tx, who, request.customer_id(), point_id, *response.mutable_contact_point());
  };
  auto create = [&](pqxx::work& tx, std::string& point_id) -> absl::Status {
    absl::StatusOr<v1::Customer> customer = LoadOwned(tx, request.customer_id(), "customer_id");
    if (!customer.ok()) return customer.status();
    absl::StatusOr<NormalizedContact> normalized =
        ValidateNewContactPoint(ToInput(request.contact_point()), PointsOf(*customer),
                                "contact_point");
    if (!normalized.ok()) return normalized.status();

    TimePoint now = clock.Now();
    v1::ContactPoint point;
    point.set_contact_point_id(NewId(clock));
    point.set_type(ToProto(normalized->kind));
    point.set_value(request.contact_point().value());
    point.set_normalized_value(normalized->normalized);
    point.set_status(request.contact_point().status() == v1::CONTACT_POINT_STATUS_UNSPECIFIED
                         ? v1::CONTACT_POINT_STATUS_UNVERIFIED
                         : request.contact_point().status());
    point.set_source(!request.contact_point().source().empty() ? request.contact_point().source()
                     : call_id.empty()                          ? "api"
                                                                : "agent:" + call_id);
    point.set_primary(request.contact_point().primary());
    point.set_label(request.contact_point().label());
    StampStatus(call_id, now, point);
    *point.mutable_create_time() = grpcx::ToProtoTime(now);

    std::vector<ProfileFieldChange> changes{
        {PointPath(point.contact_point_id()), "null", RenderContactPoint(&point)}};
    if (point.primary()) DemoteOthers(point, *customer, changes);
    *customer->add_contact_points() = point;
    if (absl::Status committed =
            writer_.Commit(tx, AuthorOf(who, region, request.context()), changes, *customer);
        !committed.ok()) {
      return committed;
    }
    point_id = point.contact_point_id();
    if (!SeesFullNumbers(who)) MaskContactPoint(point);
    *response.mutable_contact_point() = std::move(point);
    return absl::OkStatus();
  };
  return Mutate("CreateContactPoint", request.request_id(), grpcx::RequestFingerprint(request),
                replay, create);
}

absl::Status ContactPointApi::UpdateContactPoint(const auth::Principal& who,
                                                 const v1::UpdateContactPointRequest& request,
                                                 v1::UpdateContactPointResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kEditsPoints, region, "update contact points");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& point_id = request.contact_point().contact_point_id();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  Violations v;
  grpcx::CheckRequestId(request.request_id(), v);
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  grpcx::CheckResourceId(point_id, "contact_point.contact_point_id", "contact point", v);
  for (const FieldViolation& f : FieldViolationsOf(ValidateContactPointMask(paths))) {
    v.Add(f.field, f.description);
  }
  if (!v.empty()) return v.ToStatus();
  const Clock& clock = runtime_.context().clock;
  auto masked = [&](std::string_view path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };

  auto replay = [&](pqxx::work& tx, const std::string&) {
    return ReadPoint(tx, who, request.customer_id(), point_id, *response.mutable_contact_point());
  };
  auto update = [&](pqxx::work& tx, std::string& resource_id) -> absl::Status {
    resource_id = point_id;
    absl::StatusOr<v1::Customer> customer = LoadOwned(tx, request.customer_id(), "customer_id");
    if (!customer.ok()) return customer.status();
    v1::ContactPoint* point = FindPoint(*customer, point_id);
    if (point == nullptr) return PointNotFound(request.customer_id(), point_id);
    const v1::ContactPoint& patch = request.contact_point();
    absl::StatusOr<NormalizedContact> normalized = ValidateContactPointUpdate(
        ToInput(patch), paths, ToContactKind(point->type()),
        PointsOf(*customer, point_id), "contact_point");
    if (!normalized.ok()) return normalized.status();

    const v1::ContactPoint before = *point;
    if (masked("status") && patch.status() != point->status()) {
      point->set_status(patch.status());
      StampStatus(request.context().call_id(), clock.Now(), *point);
      point->set_status_reason(request.context().reason());
    }
    if (masked("label")) point->set_label(patch.label());
    if (masked("primary")) point->set_primary(patch.primary());
    if (masked("value")) {
      point->set_value(patch.value());
      point->set_normalized_value(normalized->normalized);
    }
    std::vector<ProfileFieldChange> changes;
    // A new value is recorded as the whole point, so the history masks it like any number (R6).
    if (point->normalized_value() != before.normalized_value() || point->value() != before.value()) {
      changes.push_back({PointPath(point_id), RenderContactPoint(&before), RenderContactPoint(point)});
    }
    for (const char* field : {"status", "label", "primary"}) NoteField(before, *point, field, changes);
    if (point->primary()) DemoteOthers(*point, *customer, changes);
    v1::ContactPoint answer = *point;
    if (!changes.empty()) {  // nothing changed: no new version, no event
      if (absl::Status committed =
              writer_.Commit(tx, AuthorOf(who, region, request.context()), changes, *customer);
          !committed.ok()) {
        return committed;
      }
    }
    if (!SeesFullNumbers(who)) MaskContactPoint(answer);
    *response.mutable_contact_point() = std::move(answer);
    return absl::OkStatus();
  };
  return Mutate("UpdateContactPoint", request.request_id(), grpcx::RequestFingerprint(request),
                replay, update);
}

absl::Status ContactPointApi::BatchUpdateContactPointStatuses(
    const auth::Principal& who, const v1::BatchUpdateContactPointStatusesRequest& request,
    v1::BatchUpdateContactPointStatusesResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed =
          auth::Authorize(who, kScreensLists, region, "set contact point statuses");
      !allowed.ok()) {
    return allowed;
  }
  std::vector<StatusUpdate> updates;
  for (const v1::ContactPointStatusUpdate& u : request.updates()) {
    updates.push_back({u.customer_id(), u.contact_point_id(), static_cast<PointStatus>(u.status()),
                       u.reason(), u.call_id()});
  }
  {
    Violations v;
    grpcx::CheckRequestId(request.request_id(), v);
    for (const FieldViolation& f : FieldViolationsOf(ValidateStatusUpdates(updates))) {
      v.Add(f.field, f.description);
    }
    if (!v.empty()) return v.ToStatus("invalid batch");
  }
  const Clock& clock = runtime_.context().clock;
  const ChangeAuthor author = AuthorOf(who, region, request.context());

  auto replay = [&](pqxx::work& tx, const std::string&) -> absl::Status {
    for (const StatusUpdate& u : updates) {
      if (absl::Status read = ReadPoint(tx, who, u.customer_id, u.contact_point_id,
                                        *response.add_contact_points());
          !read.ok()) {
        return read;
      }
    }
    return absl::OkStatus();
  };
  auto apply = [&](pqxx::work& tx, std::string&) -> absl::Status {
    // Each customer is loaded (and locked) once, changed by all its entries, written once.
    std::map<std::string, v1::Customer> customers;
    std::map<std::string, std::vector<CustomerChangeWriter::AuthoredChange>> changes;
    std::vector<std::string> order;
    TimePoint now = clock.Now();
    for (size_t i = 0; i < updates.size(); ++i) {
      const StatusUpdate& u = updates[i];
      const std::string at = absl::StrCat("updates[", i, "]");
      auto loaded = customers.find(u.customer_id);
      if (loaded == customers.end()) {
        absl::StatusOr<v1::Customer> customer = LoadOwned(tx, u.customer_id, at + ".customer_id");
        if (!customer.ok()) return customer.status();
        loaded = customers.emplace(u.customer_id, *std::move(customer)).first;
        order.push_back(u.customer_id);
      }
      v1::ContactPoint* point = FindPoint(loaded->second, u.contact_point_id);
      if (point == nullptr) {
        return absl::NotFoundError(absl::StrCat(at, ".contact_point_id: contact point ",
                                                u.contact_point_id, " of customer ",
                                                u.customer_id, " not found"));
      }
      if (point->status() == request.updates(i).status()) continue;
      const v1::ContactPoint before = *point;
      point->set_status(request.updates(i).status());
      StampStatus(u.call_id.empty() ? author.call_id : u.call_id, now, *point);
      point->set_status_reason(u.reason.empty() ? author.reason : u.reason);
      std::vector<ProfileFieldChange> noted;
      NoteField(before, *point, "status", noted);
      // A status learned from a call is a call outcome; the rest is list screening (R2).
      ChangeAuthor by = author;
      if (!u.call_id.empty()) {
        by.call_id = u.call_id;
        by.origin = v1::CHANGE_ORIGIN_CALL_OUTCOME;
      }
      if (!u.reason.empty()) by.reason = u.reason;
      for (ProfileFieldChange& change : noted) changes[u.customer_id].push_back({by, change});
    }
    for (const std::string& customer_id : order) {
      auto it = changes.find(customer_id);
      if (it == changes.end()) continue;
      if (absl::Status committed = writer_.Commit(tx, it->second, customers[customer_id]);
          !committed.ok()) {
        return committed;
      }
    }
    for (const StatusUpdate& u : updates) {
      v1::ContactPoint* out = response.add_contact_points();
      *out = *FindPoint(customers[u.customer_id], u.contact_point_id);
      if (!SeesFullNumbers(who)) MaskContactPoint(*out);
    }
    return absl::OkStatus();
  };
  return Mutate("BatchUpdateContactPointStatuses", request.request_id(),
                grpcx::RequestFingerprint(request), replay, apply);
}

absl::Status ContactPointApi::DeleteContactPoint(const auth::Principal& who,
                                                 const v1::DeleteContactPointRequest& request,
                                                 v1::DeleteContactPointResponse&) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kEditsPoints, region, "remove contact points");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckRequestId(request.request_id(), v);
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  grpcx::CheckResourceId(request.contact_point_id(), "contact_point_id", "contact point", v);
  if (!v.empty()) return v.ToStatus();

  auto replay = [](pqxx::work&, const std::string&) { return absl::OkStatus(); };
  auto remove = [&](pqxx::work& tx, std::string& resource_id) -> absl::Status {
    resource_id = request.contact_point_id();
    absl::StatusOr<v1::Customer> customer = LoadOwned(tx, request.customer_id(), "customer_id");
    if (!customer.ok()) return customer.status();
    auto& points = *customer->mutable_contact_points();
    auto it = std::find_if(points.begin(), points.end(), [&](const v1::ContactPoint& p) {
      return p.contact_point_id() == request.contact_point_id();
    });
    if (it == points.end()) return PointNotFound(request.customer_id(), request.contact_point_id());
    std::vector<ProfileFieldChange> changes{
        {PointPath(it->contact_point_id()), RenderContactPoint(&*it), "null"}};
    points.erase(it);
    return writer_.Commit(tx, AuthorOf(who, region, request.context()), changes, *customer);
  };
  return Mutate("DeleteContactPoint", request.request_id(), grpcx::RequestFingerprint(request),
                replay, remove);
}

}  // namespace tmk::contacts
