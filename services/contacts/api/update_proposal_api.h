#pragma once
// Update proposals this region sends (R5, R32): a change to another region's customer, learned
// here (a new phone number given during a call), stored PENDING and sent to the owner on
// tm.contact-proposals.v1 in one transaction; and reading proposals sent and received.
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/update_proposal_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

inline constexpr char kProposalTopic[] = "tm.contact-proposals.v1";

class UpdateProposalApi {
 public:
  UpdateProposalApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                    HybridLogicalClock& hlc)
      : runtime_(runtime), hlc_(hlc), customers_(cipher), proposals_(cipher) {}

  absl::Status ProposeCustomerUpdate(
      const auth::Principal& who,
      const telemarketing::contacts::v1::ProposeCustomerUpdateRequest& request,
      telemarketing::contacts::v1::ProposeCustomerUpdateResponse& response);
  absl::Status GetUpdateProposal(const auth::Principal& who,
                                 const telemarketing::contacts::v1::GetUpdateProposalRequest& request,
                                 telemarketing::contacts::v1::GetUpdateProposalResponse& response);
  absl::Status ListUpdateProposals(
      const auth::Principal& who,
      const telemarketing::contacts::v1::ListUpdateProposalsRequest& request,
      telemarketing::contacts::v1::ListUpdateProposalsResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  CustomerStore customers_;
  UpdateProposalStore proposals_;
};

}  // namespace tmk::contacts
