#include "services/dialing/api/grpc_contacts_changes.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/grpc/status_mapping.h"
#include "telemarketing/dialing/v1/wrap_up.pb.h"

namespace tmk::dialing {
namespace contacts = telemarketing::contacts::v1;
namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::FieldDescriptor;

namespace {

common::ChangeContext ContextOf(const ContactsForward& f, const std::string& reason) {
  common::ChangeContext c;
  c.set_call_id(f.call_id);
  c.set_on_behalf_of_agent_id(f.agent_id);
  c.set_reason(reason);
  return c;
}

// R3: the agent's text for one top-level scalar field of contacts.v1.Customer ("occupation",
// "marital_status" as its enum value name, "age"); anything else is a refusal on the merits.
absl::Status SetCustomerField(const v1::ProfileFieldChange& change, contacts::Customer& customer) {
  const FieldDescriptor* field = customer.GetDescriptor()->FindFieldByName(change.field());
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", change.field(), "' is not a customer field dialing can forward"));
  }
  const auto* reflection = customer.GetReflection();
  const std::string& text = change.new_value();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(&customer, field, text);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = field->enum_type()->FindValueByName(text);
      if (value == nullptr) break;
      reflection->SetEnum(&customer, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t n = 0;
      if (!absl::SimpleAtoi(text, &n)) break;
      reflection->SetInt32(&customer, field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (text != "true" && text != "false") break;
      reflection->SetBool(&customer, field, text == "true");
      return absl::OkStatus();
    default:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a value of customer field '", change.field(), "'"));
}

}  // namespace

GrpcContactsChanges::GrpcContactsChanges(const std::string& address, std::string credential,
                                         std::chrono::milliseconds deadline)
    : stub_(contacts::ContactsService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
      credential_(std::move(credential)),
      deadline_(deadline) {}

void GrpcContactsChanges::Prepare(grpc::ClientContext& context) const {
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  if (!credential_.empty()) context.AddMetadata("authorization", credential_);
}

absl::Status GrpcContactsChanges::Apply(const ContactsForward& change) {
  switch (change.kind) {
    case ForwardKind::kContactPoint:
      return ContactPoint(change);
    case ForwardKind::kProfileField:
      return ProfileField(change);
    case ForwardKind::kDoNotCall:
      return DoNotCall(change);
  }
  return absl::InvalidArgumentError("unknown change kind");
}

absl::Status GrpcContactsChanges::ContactPoint(const ContactsForward& f) {
  v1::ContactPointChange change;
  if (!change.ParseFromString(f.payload)) return absl::InvalidArgumentError("unreadable change");
  grpc::ClientContext context;
  Prepare(context);
  grpc::Status status;
  switch (change.action()) {
    case v1::CONTACT_POINT_ACTION_MARK_INVALID:
    case v1::CONTACT_POINT_ACTION_MARK_WRONG_PARTY: {
      // R2 list screening: the number is never dialed again.
      contacts::BatchUpdateContactPointStatusesRequest request;
      request.set_request_id(f.forward_id);
      contacts::ContactPointStatusUpdate* u = request.add_updates();
      u->set_customer_id(f.customer_id);
      u->set_contact_point_id(change.contact_point_id());
      const bool invalid = change.action() == v1::CONTACT_POINT_ACTION_MARK_INVALID;
      u->set_status(invalid ? contacts::CONTACT_POINT_STATUS_INVALID_NUMBER
                            : contacts::CONTACT_POINT_STATUS_WRONG_PARTY);
      u->set_reason(invalid ? "call outcome: the number does not exist"
                            : "call outcome: the number reaches someone else");
      u->set_call_id(f.call_id);
      *request.mutable_context() = ContextOf(f, "list screening on a call");
      contacts::BatchUpdateContactPointStatusesResponse response;
      status = stub_->BatchUpdateContactPointStatuses(&context, request, &response);
      break;
    }
    case v1::CONTACT_POINT_ACTION_ADD: {
      contacts::CreateContactPointRequest request;
      request.set_request_id(f.forward_id);
      request.set_customer_id(f.customer_id);
      request.mutable_contact_point()->set_value(change.value());
      request.mutable_contact_point()->set_type(
          change.channel() == common::CONTACT_CHANNEL_EMAIL ? contacts::CONTACT_POINT_TYPE_EMAIL
                                                           : contacts::CONTACT_POINT_TYPE_MOBILE);
      *request.mutable_context() = ContextOf(f, change.note());
      contacts::CreateContactPointResponse response;
      status = stub_->CreateContactPoint(&context, request, &response);
      break;
    }
    case v1::CONTACT_POINT_ACTION_CORRECT:
    case v1::CONTACT_POINT_ACTION_MAKE_PREFERRED: {
      contacts::UpdateContactPointRequest request;
      request.set_request_id(f.forward_id);
      request.set_customer_id(f.customer_id);
      contacts::ContactPoint* point = request.mutable_contact_point();
      point->set_contact_point_id(change.contact_point_id());
      if (change.action() == v1::CONTACT_POINT_ACTION_CORRECT) {
        point->set_value(change.value());
        request.mutable_update_mask()->add_paths("value");
      } else {
        point->set_primary(true);
        request.mutable_update_mask()->add_paths("primary");
      }
      *request.mutable_context() = ContextOf(f, change.note());
      contacts::UpdateContactPointResponse response;
      status = stub_->UpdateContactPoint(&context, request, &response);
      break;
    }
    default:
      return absl::InvalidArgumentError("unknown contact point action");
  }
  return status.ok() ? absl::OkStatus() : grpcx::FromPeerStatus(status, "contacts");
}

absl::Status GrpcContactsChanges::ProfileField(const ContactsForward& f) {
  v1::ProfileFieldChange change;
  if (!change.ParseFromString(f.payload)) return absl::InvalidArgumentError("unreadable change");
  contacts::UpdateCustomerRequest request;
  request.set_request_id(f.forward_id);
  request.mutable_customer()->set_customer_id(f.customer_id);
  if (absl::Status set = SetCustomerField(change, *request.mutable_customer()); !set.ok()) {
    return set;
  }
  request.mutable_update_mask()->add_paths(change.field());
  *request.mutable_context() = ContextOf(f, "profile completed on a call");
  grpc::ClientContext context;
  Prepare(context);
  contacts::UpdateCustomerResponse response;
  grpc::Status status = stub_->UpdateCustomer(&context, request, &response);
  return status.ok() ? absl::OkStatus() : grpcx::FromPeerStatus(status, "contacts");
}

absl::Status GrpcContactsChanges::DoNotCall(const ContactsForward& f) {
  // R6: the customer asked on the call not to be called again, by this region.
  contacts::CreateDncEntryRequest request;
  request.set_request_id(f.forward_id);
  contacts::DncEntry* entry = request.mutable_dnc_entry();
  entry->set_scope(contacts::DNC_SCOPE_REGION);
  entry->set_customer_id(f.customer_id);
  entry->set_channel(common::CONTACT_CHANNEL_VOICE);
  entry->set_reason(contacts::DNC_REASON_CUSTOMER_REQUEST);
  entry->set_call_id(f.call_id);
  *request.mutable_context() = ContextOf(f, "the customer asked not to be called");
  grpc::ClientContext context;
  Prepare(context);
  contacts::CreateDncEntryResponse response;
  grpc::Status status = stub_->CreateDncEntry(&context, request, &response);
  return status.ok() ? absl::OkStatus() : grpcx::FromPeerStatus(status, "contacts");
}

}  // namespace tmk::dialing
