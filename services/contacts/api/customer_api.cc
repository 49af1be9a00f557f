#include "services/contacts/api/customer_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/contacts/api/attribute_mapping.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/api/customer_snapshot_event.h"
#include "services/contacts/api/customer_view.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;

CustomerApi::CustomerApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                         HybridLogicalClock& hlc)
    : runtime_(runtime),
      hlc_(hlc),
      customers_(cipher),
      history_(cipher),
      writer_(customers_, history_, hlc_, runtime.context().clock, runtime.context().region),
      auditor_(runtime.context().clock, runtime.context().region) {}

absl::Status CustomerApi::CreateCustomer(const auth::Principal& who,
                                         const v1::CreateCustomerRequest& request,
                                         v1::CreateCustomerResponse& answer) {
  v1::Customer& response = *answer.mutable_customer();
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(
          who, {Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kIntegrator}, region,
          "create customers");
      !allowed.ok()) {
    return allowed;
  }
  if (request.request_id().size() > 128) {
    return InvalidField("request_id", "at most 128 characters");
  }
  const Clock& clock = runtime_.context().clock;
  absl::StatusOr<std::vector<NormalizedContact>> points =
      ValidateNewCustomer(ToNewCustomer(request.customer()), region, CurrentYear(clock));
  if (!points.ok()) return points.status();

  const std::string fingerprint = grpcx::RequestFingerprint(request.customer());
  TimePoint now = clock.Now();
  v1::Customer customer = request.customer();
  customer.set_customer_id(NewId(clock));
  customer.set_region_id(region);
  *customer.mutable_create_time() = grpcx::ToProtoTime(now);
  *customer.mutable_update_time() = grpcx::ToProtoTime(now);
  customer.set_etag(absl::StrCat(UnixMillis(now)));
  for (int i = 0; i < customer.contact_points_size(); ++i) {
    v1::ContactPoint* p = customer.mutable_contact_points(i);
    p->set_contact_point_id(NewId(clock));
    p->set_type(ToProto((*points)[i].kind));
    p->set_normalized_value((*points)[i].normalized);
    p->set_masked(false);  // output only; sealed with the value (replicas keep it true)
    if (p->status() == v1::CONTACT_POINT_STATUS_UNSPECIFIED) {
      p->set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
    }
    StampStatus(request.context().call_id(), now, *p);
    *p->mutable_create_time() = grpcx::ToProtoTime(now);
  }

  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = customers_.FindCreateRequest(tx, request.request_id())) {
        if (earlier->fingerprint != fingerprint) {
          return WithReason(absl::AlreadyExistsError(
                                "request_id was already used for a different customer"),
                            "REQUEST_ID_REUSED");
        }
        std::optional<v1::Customer> existing = customers_.Find(tx, earlier->customer_id);
        if (!existing) return absl::InternalError("idempotency record without its customer");
        response = *std::move(existing);
        return absl::OkStatus();
      }
    }
    if (absl::Status attributes = CheckCustomAttributes(tx, definitions_, customer, {},
                                                         "customer.custom_attributes");
        !attributes.ok()) {
      return attributes;
    }
    HlcTimestamp stamp = hlc_.Now();
    customer.mutable_hlc()->set_wall_time_millis(stamp.wall_millis);
    customer.mutable_hlc()->set_logical(stamp.logical);
    customer.mutable_hlc()->set_node(stamp.node);
    customers_.Insert(tx, customer, request.request_id(), fingerprint);

    events::AppendToOutbox(tx, CustomerSnapshotEvent(tx, customer, region, clock));
    response = customer;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!SeesFullNumbers(who)) MaskContactPoints(response);
  return absl::OkStatus();
}

absl::Status CustomerApi::GetCustomer(const auth::Principal& who, const std::string& peer,
                                      const v1::GetCustomerRequest& request,
                                      v1::GetCustomerResponse& answer) {
  v1::Customer& response = *answer.mutable_customer();
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), region, "read customers");
      !allowed.ok()) {
    return allowed;
  }
  if (request.customer_id().empty()) return InvalidField("customer_id", "required");
  if (!Uuid::Parse(request.customer_id())) {
    return InvalidField("customer_id", "not a customer id (a UUID)");
  }
  absl::StatusOr<bool> numbers = RevealsNumbers(who, request.view(), request.context().call_id());
  if (!numbers.ok()) return numbers.status();
  std::optional<v1::Customer> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = customers_.Find(tx, request.customer_id());
    if (!found) return absl::OkStatus();
    if (!*numbers) MaskContactPoints(*found);
    auditor_.RecordCustomers(tx, {who, peer, "GetCustomer", request.context()},
                             v1::ACCESS_KIND_READ, absl::MakeConstSpan(&*found, 1));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found) {
    return absl::NotFoundError(absl::StrCat("customer ", request.customer_id(), " not found"));
  }
  response = *std::move(found);
  return absl::OkStatus();
}

}  // namespace tmk::contacts
