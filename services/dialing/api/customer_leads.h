#pragma once
// A customer's lead in one campaign for a call that did not come from the hopper (R17 manual
// dial, R18 cross-sell on an inbound call): the lead the customer already has in the campaign —
// attempts, stage and history go on — or a new one on the number at hand, prioritised like a
// loaded VIP (R19). The caller decides what the call does to it (domain rules), then keeps it,
// in its own transaction.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/status.h"
#include "services/common/core/clock.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"

namespace tmk::dialing {

class CustomerLeads {
 public:
  struct Found {
    LeadRow row;
    bool existing = false;
  };
  struct NewLead {
    std::string lead_id;           // used when the customer has no lead in the campaign
    std::string contact_point_id;  // the number the call is on
    int vip_tier = 0;              // telemarketing.contacts.v1.VipTier
  };

  // The customer's lead in the campaign, else a new one (NEW, not stored yet) as `fresh` says.
  Found Find(pqxx::work& tx, const std::string& campaign_id, const std::string& customer_id,
             const NewLead& fresh, TimePoint now) const;
  // Stores the lead as the caller changed it (revision and update time moved on here): an
  // existing one leaves the hopper — the customer is on this call now — and is updated; a new one
  // is inserted, ABORTED when the customer's lead was created meanwhile (a retry finds it).
  absl::Status Keep(pqxx::work& tx, Found& found, TimePoint now) const;

 private:
  LeadStore leads_;
  HopperStore hopper_;
};

}  // namespace tmk::dialing
