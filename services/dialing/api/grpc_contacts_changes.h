#pragma once
// ContactsChanges over gRPC: ContactsService at the configured address, called with dialing's own
// service credential (role `system`, R6), never an agent's: the wrap-up's agent may have logged out
// long before contacts is reachable again. Contacts records the agent from
// ChangeContext.on_behalf_of_agent_id and the call from call_id (R3). Each change kind is one RPC:
// list screening marks (invalid number, wrong party) are BatchUpdateContactPointStatuses, a new
// number CreateContactPoint, a correction or preference UpdateContactPoint, a profile field
// UpdateCustomer, a refusal of further calls CreateDncEntry.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>

#include "services/dialing/api/contacts_changes.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::dialing {

class GrpcContactsChanges final : public ContactsChanges {
 public:
  // `credential`: the `authorization` value sent ("Bearer <jwt>"); empty with auth off.
  GrpcContactsChanges(const std::string& address, std::string credential,
                      std::chrono::milliseconds deadline = std::chrono::seconds(5));

  absl::Status Apply(const ContactsForward& change) override;

 private:
  absl::Status ContactPoint(const ContactsForward& change);
  absl::Status ProfileField(const ContactsForward& change);
  absl::Status DoNotCall(const ContactsForward& change);
  void Prepare(grpc::ClientContext& context) const;

  std::unique_ptr<telemarketing::contacts::v1::ContactsService::Stub> stub_;
  std::string credential_;
  std::chrono::milliseconds deadline_;
};

}  // namespace tmk::dialing
