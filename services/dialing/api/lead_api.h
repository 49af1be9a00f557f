#pragma once
// Leads over gRPC (R8, R11, R12, R17, R20): loading a campaign's target list, reading and
// steering leads, and the hopper's status. Supervisors and admins of the region change leads;
// they and integrators read them. Each handler validates, loads, lets the domain decide
// (ApplyLeadChange, EvaluateEligibility through the HopperFiller) and stores in one transaction.
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/client/contact_lists.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class LeadApi {
 public:
  LeadApi(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
          const CampaignProjectionStore& campaigns, contacts_client::ContactLists& lists,
          HopperFiller& hopper);

  absl::Status GetLead(const auth::Principal& who,
                       const telemarketing::dialing::v1::GetLeadRequest& request,
                       telemarketing::dialing::v1::GetLeadResponse& response);
  absl::Status ListLeads(const auth::Principal& who,
                         const telemarketing::dialing::v1::ListLeadsRequest& request,
                         telemarketing::dialing::v1::ListLeadsResponse& response);
  absl::Status UpdateLead(const auth::Principal& who,
                          const telemarketing::dialing::v1::UpdateLeadRequest& request,
                          telemarketing::dialing::v1::UpdateLeadResponse& response);
  // Reads the list's members from contacts on the caller's behalf, a page at a time, and creates
  // the missing leads of each page with its LeadsLoaded event in one transaction: a retry or a
  // second load creates nothing twice. NOT_FOUND for an unknown campaign, FAILED_PRECONDITION
  // (CAMPAIGN_WITHOUT_LIST) when neither the request nor the campaign names a list, contacts'
  // own status (UNAVAILABLE when it is down) otherwise; pages already loaded stay loaded.
  absl::Status LoadLeads(const auth::Principal& who,
                         const telemarketing::dialing::v1::LoadLeadsRequest& request,
                         telemarketing::dialing::v1::LoadLeadsResponse& response);
  // Fills the campaign's hopper first, so the answer is current: ready leads, due callbacks, the
  // open leads, and the waiting ones by reason; when none is ready, the reason why.
  absl::Status GetHopperStatus(const auth::Principal& who,
                               const telemarketing::dialing::v1::GetHopperStatusRequest& request,
                               telemarketing::dialing::v1::GetHopperStatusResponse& response);

 private:
  absl::Status AuthorizeRead(const auth::Principal& who) const;
  absl::Status AuthorizeChange(const auth::Principal& who, std::string_view action) const;
  // One page of members: leads created or found, with the page's LeadsLoaded event.
  absl::Status LoadPage(const std::string& campaign_id, const std::string& list_id, int priority,
                        const telemarketing::contacts::v1::ListContactListMembersResponse& page,
                        telemarketing::dialing::v1::LoadLeadsResponse& totals);

  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  const CampaignProjectionStore& campaigns_;
  contacts_client::ContactLists& lists_;
  HopperFiller& hopper_filler_;
  LeadStore leads_;
  HopperStore hopper_;
  CustomerCallabilityStore customers_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
