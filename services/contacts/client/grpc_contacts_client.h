#pragma once
// CustomerDirectory and ContactLists over gRPC: ContactsService at a configured address (this
// process's own in the single-process install). Calls carry the caller's credential, so contacts
// masks and audits as for the caller (R6), and a deadline, so a slow contacts never holds a
// worker of the calling service (campaigns, dialing) for long.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "services/contacts/client/contact_lists.h"
#include "services/contacts/client/customer_directory.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::contacts_client {

class GrpcContactsClient final : public CustomerDirectory, public ContactLists {
 public:
  explicit GrpcContactsClient(const std::string& address,
                              std::chrono::milliseconds deadline = std::chrono::seconds(5));

  absl::StatusOr<telemarketing::contacts::v1::Customer> GetCustomer(
      const auth::Principal& on_behalf_of, std::string_view customer_id) override;
  absl::StatusOr<telemarketing::contacts::v1::LookupCustomersByPhoneResponse>
  LookupCustomersByPhone(const auth::Principal& on_behalf_of, std::string_view phone_number,
                         const telemarketing::common::v1::ChangeContext& context) override;
  absl::StatusOr<telemarketing::contacts::v1::ListCustomersResponse> ListCustomers(
      const auth::Principal& on_behalf_of, std::string_view filter, int page_size,
      std::string_view page_token) override;
  absl::StatusOr<telemarketing::contacts::v1::ContactList> GetContactList(
      const auth::Principal& on_behalf_of, std::string_view list_id) override;
  absl::StatusOr<telemarketing::contacts::v1::ListContactListMembersResponse>
  ListContactListMembers(const auth::Principal& on_behalf_of, std::string_view list_id,
                         int page_size, std::string_view page_token) override;

 private:
  void Prepare(grpc::ClientContext& context, const auth::Principal& on_behalf_of) const;

  std::unique_ptr<telemarketing::contacts::v1::ContactsService::Stub> stub_;
  std::chrono::milliseconds deadline_;
};

}  // namespace tmk::contacts_client
