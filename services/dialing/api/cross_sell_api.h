#pragma once
// OpenCrossSell over gRPC (R18): during an inbound call the agent opens an offer of one of the
// campaigns the call's queue lists (CrossSellOffers: ACTIVE, the caller may be approached for it).
// The caller's lead in that campaign is found or created and taken IN_PROGRESS without counting a
// dial attempt, and the call now belongs to the campaign and the lead — all in one transaction —
// so the wrap-up applies that campaign's dispositions and order capture like on any of its calls.
// The answer carries the campaign's script rendered for the caller, and the desktop stream is
// offered the call again with that script, lead and dispositions. Opening the same campaign again
// answers the same lead (a retry is harmless); another campaign on the same call is refused
// (FAILED_PRECONDITION CROSS_SELL_ALREADY_OPEN): one call, one campaign's wrap-up.
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/cross_sell_offers.h"
#include "services/dialing/api/customer_leads.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/api/script_renderer.h"
#include "services/dialing/store/call_store.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

class CrossSellApi {
 public:
  // `desktops` may be null (no desktop to tell).
  CrossSellApi(server::ServiceRuntime& runtime, const CampaignProjectionStore& campaigns,
               ScriptRenderer& scripts, DesktopFeed* desktops)
      : runtime_(runtime), offers_(campaigns), scripts_(scripts), desktops_(desktops) {}

  // Refusals besides HeldConnectedCall's and CrossSellOffers::Check's: FAILED_PRECONDITION
  // NOT_INBOUND for an outbound call, CROSS_SELL_ALREADY_OPEN, and the lead's LEAD_CLOSED or
  // LEAD_IN_PROGRESS (domain/cross_sell_lead.h).
  absl::Status OpenCrossSell(const auth::Principal& who,
                             const telemarketing::dialing::v1::OpenCrossSellRequest& request,
                             telemarketing::dialing::v1::OpenCrossSellResponse& response);

 private:
  // The caller's lead in the choice's campaign, taken for this call.
  absl::StatusOr<LeadRow> TakeLead(pqxx::work& tx, const telemarketing::dialing::v1::Call& call,
                                   const std::string& campaign_id, const CrossSellChoice& choice,
                                   TimePoint now) const;

  server::ServiceRuntime& runtime_;
  CrossSellOffers offers_;
  ScriptRenderer& scripts_;
  DesktopFeed* desktops_;
  CallStore calls_;
  CustomerLeads leads_;
};

}  // namespace tmk::dialing
