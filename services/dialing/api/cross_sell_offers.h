#pragma once
// Which campaigns an agent may offer on an inbound call (R18): those the call's queue lists as
// cross-sell campaigns that are ACTIVE now and whose purpose the caller may be approached for —
// consent, do-not-call entries and contact points judged by contacts' own rule on dialing's
// projection of contacts events (R2, R6), never a call to contacts. Calling windows do not apply:
// the customer called us. Read in the caller's transaction.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/inbound_queue_store.h"
#include "telemarketing/dialing/v1/call.pb.h"
#include "telemarketing/dialing/v1/desktop.pb.h"

namespace tmk::dialing {

// A campaign the caller may be offered, with what a lead of theirs needs.
struct CrossSellChoice {
  telemarketing::dialing::v1::CrossSellOffer offer;
  std::string contact_point_id;  // the caller's best phone the campaign may use
  int vip_tier = 0;              // telemarketing.contacts.v1.VipTier
};

class CrossSellOffers {
 public:
  explicit CrossSellOffers(const CampaignProjectionStore& campaigns) : campaigns_(campaigns) {}

  // Every campaign the call may open now, in the queue's order; none for an outbound call or a
  // caller matched to no customer.
  std::vector<telemarketing::dialing::v1::CrossSellOffer> For(
      pqxx::work& tx, const telemarketing::dialing::v1::Call& call, TimePoint now) const;

  // One campaign: INVALID_ARGUMENT (field campaign_id) when the call's queue does not list it;
  // FAILED_PRECONDITION with reason CAMPAIGN_NOT_ACTIVE, CALLER_UNKNOWN (the caller matched no
  // customer) or CUSTOMER_NOT_CALLABLE (with the callability reason in the message).
  absl::StatusOr<CrossSellChoice> Check(pqxx::work& tx,
                                        const telemarketing::dialing::v1::Call& call,
                                        const std::string& campaign_id, TimePoint now) const;

 private:
  const CampaignProjectionStore& campaigns_;
  InboundQueueStore queues_;
  CustomerCallabilityStore customers_;
};

}  // namespace tmk::dialing
