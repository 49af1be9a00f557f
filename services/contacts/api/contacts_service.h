#pragma once
// The contacts gRPC adapter (R1–R6): proto ↔ domain, one transaction with the outbox, status
// mapping through the common runtime. Methods not yet built answer UNIMPLEMENTED (issue 3).
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/customer_store.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::contacts {

class ContactsService final : public telemarketing::contacts::v1::ContactsService::CallbackService {
 public:
  explicit ContactsService(server::ServiceRuntime& runtime);

  grpc::ServerUnaryReactor* CreateCustomer(
      grpc::CallbackServerContext* context,
      const telemarketing::contacts::v1::CreateCustomerRequest* request,
      telemarketing::contacts::v1::CreateCustomerResponse* response) override;
  grpc::ServerUnaryReactor* GetCustomer(
      grpc::CallbackServerContext* context,
      const telemarketing::contacts::v1::GetCustomerRequest* request,
      telemarketing::contacts::v1::GetCustomerResponse* response) override;

 private:
  absl::Status Create(const auth::Principal& who,
                      const telemarketing::contacts::v1::CreateCustomerRequest& request,
                      telemarketing::contacts::v1::Customer& response);
  absl::Status Get(const auth::Principal& who,
                   const telemarketing::contacts::v1::GetCustomerRequest& request,
                   telemarketing::contacts::v1::Customer& response);

  server::ServiceRuntime& runtime_;
  HybridLogicalClock hlc_;
  CustomerStore customers_;
};

}  // namespace tmk::contacts
