#include "services/contacts/client/grpc_contacts_client.h"

#include "services/common/grpc/status_mapping.h"

namespace tmk::contacts_client {
namespace contacts = telemarketing::contacts::v1;

GrpcContactsClient::GrpcContactsClient(const std::string& address,
                                       std::chrono::milliseconds deadline)
    : stub_(contacts::ContactsService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))),
      deadline_(deadline) {}

void GrpcContactsClient::Prepare(grpc::ClientContext& context,
                                 const auth::Principal& on_behalf_of) const {
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  if (!on_behalf_of.credential.empty()) {
    context.AddMetadata("authorization", on_behalf_of.credential);
  }
}

absl::StatusOr<contacts::Customer> GrpcContactsClient::GetCustomer(
    const auth::Principal& on_behalf_of, std::string_view customer_id) {
  grpc::ClientContext context;
  Prepare(context, on_behalf_of);
  contacts::GetCustomerRequest request;
  request.set_customer_id(std::string(customer_id));
  contacts::GetCustomerResponse response;
  if (grpc::Status status = stub_->GetCustomer(&context, request, &response); !status.ok()) {
    return grpcx::FromPeerStatus(status, "contacts");
  }
  return std::move(*response.mutable_customer());
}

absl::StatusOr<contacts::LookupCustomersByPhoneResponse>
GrpcContactsClient::LookupCustomersByPhone(const auth::Principal& on_behalf_of,
                                           std::string_view phone_number,
                                           const telemarketing::common::v1::ChangeContext& context) {
  grpc::ClientContext call;
  Prepare(call, on_behalf_of);
  contacts::LookupCustomersByPhoneRequest request;
  request.set_phone_number(std::string(phone_number));
  *request.mutable_context() = context;
  contacts::LookupCustomersByPhoneResponse response;
  if (grpc::Status status = stub_->LookupCustomersByPhone(&call, request, &response);
      !status.ok()) {
    return grpcx::FromPeerStatus(status, "contacts");
  }
  return response;
}

absl::StatusOr<contacts::ListCustomersResponse> GrpcContactsClient::ListCustomers(
    const auth::Principal& on_behalf_of, std::string_view filter, int page_size,
    std::string_view page_token) {
  grpc::ClientContext context;
  Prepare(context, on_behalf_of);
  contacts::ListCustomersRequest request;
  request.set_page_size(page_size);
  request.set_page_token(std::string(page_token));
  request.set_filter(std::string(filter));
  request.set_order_by("create_time desc");
  contacts::ListCustomersResponse response;
  if (grpc::Status status = stub_->ListCustomers(&context, request, &response); !status.ok()) {
    return grpcx::FromPeerStatus(status, "contacts");
  }
  return response;
}

absl::StatusOr<contacts::ContactList> GrpcContactsClient::GetContactList(
    const auth::Principal& on_behalf_of, std::string_view list_id) {
  grpc::ClientContext context;
  Prepare(context, on_behalf_of);
  contacts::GetContactListRequest request;
  request.set_list_id(std::string(list_id));
  contacts::GetContactListResponse response;
  if (grpc::Status status = stub_->GetContactList(&context, request, &response); !status.ok()) {
    return grpcx::FromPeerStatus(status, "contacts");
  }
  return std::move(*response.mutable_contact_list());
}

absl::StatusOr<contacts::ListContactListMembersResponse>
GrpcContactsClient::ListContactListMembers(const auth::Principal& on_behalf_of,
                                           std::string_view list_id, int page_size,
                                           std::string_view page_token) {
  grpc::ClientContext context;
  Prepare(context, on_behalf_of);
  contacts::ListContactListMembersRequest request;
  request.set_list_id(std::string(list_id));
  request.set_page_size(page_size);
  request.set_page_token(std::string(page_token));
  contacts::ListContactListMembersResponse response;
  if (grpc::Status status = stub_->ListContactListMembers(&context, request, &response);
      !status.ok()) {
    return grpcx::FromPeerStatus(status, "contacts");
  }
  return response;
}

}  // namespace tmk::contacts_client
