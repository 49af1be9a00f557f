#pragma once
// Everything an agent needs to take a call (R4, R6, R9, R19): the call, the lead, the customer as
// contacts shows them to this agent (masked as the agent's role requires), the campaign's script
// rendered for the customer by campaigns, the customer's last calls, and the disposition codes
// with what each requires. Contacts and campaigns are asked on the agent's behalf, with their
// credential; when one of them cannot answer, the offer goes out without that part rather than
// keep a customer waiting for an agent. Previews (R17) are built the same way from the held lead.
#include <string>

#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/client/customer_directory.h"
#include "services/dialing/api/cross_sell_offers.h"
#include "services/dialing/api/script_renderer.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/lead_store.h"
#include "telemarketing/dialing/v1/desktop.pb.h"

namespace tmk::dialing {

class CallOfferBuilder {
 public:
  CallOfferBuilder(pg::PgPool& pool, const CampaignProjectionStore& campaigns,
                   contacts_client::CustomerDirectory& customers, ScriptRenderer& scripts)
      : pool_(pool), campaigns_(campaigns), customers_(customers), scripts_(scripts),
        cross_sells_(campaigns) {}

  // NOT_FOUND for an unknown call.
  absl::StatusOr<telemarketing::dialing::v1::CallOffer> Build(const auth::Principal& who,
                                                              const std::string& call_id) const;
  // The lead the session previews, with the same customer card, script and history (R17);
  // NOT_FOUND when the session holds no preview.
  absl::StatusOr<telemarketing::dialing::v1::PreviewOffer> BuildPreview(
      const auth::Principal& who, const std::string& session_id) const;

 private:
  // The customer's last calls but `except_call_id`, newest first.
  void History(pqxx::work& tx, const std::string& customer_id, const std::string& except_call_id,
               google::protobuf::RepeatedPtrField<telemarketing::dialing::v1::LeadHistoryEntry>&
                   history) const;
  // The customer card and script from contacts and campaigns, each left empty when unavailable.
  void Decorate(const auth::Principal& who, const std::string& call_id,
                const std::string& campaign_id, const std::string& customer_id,
                const std::string& contact_point_id,
                telemarketing::dialing::v1::CustomerCard& card,
                telemarketing::dialing::v1::DesktopScript& script) const;

  pg::PgPool& pool_;
  const CampaignProjectionStore& campaigns_;
  contacts_client::CustomerDirectory& customers_;
  ScriptRenderer& scripts_;
  CrossSellOffers cross_sells_;
  CallStore calls_;
  LeadStore leads_;
};

// campaigns.v1.RenderedScript in the desktop's shape (R9).
telemarketing::dialing::v1::DesktopScript ToDesktopScript(
    const telemarketing::campaigns::v1::RenderedScript& rendered);

}  // namespace tmk::dialing
