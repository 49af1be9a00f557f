#include "services/dialing/api/customer_leads.h"

#include <algorithm>

#include "services/dialing/domain/customer_contact_facts.h"
#include "services/dialing/domain/lead_change.h"

namespace tmk::dialing {

CustomerLeads::Found CustomerLeads::Find(pqxx::work& tx, const std::string& campaign_id,
                                         const std::string& customer_id, const NewLead& fresh,
                                         TimePoint now) const {
  LeadFilter mine;
  mine.customer_id = customer_id;
  Found found;
  for (LeadRow& lead : leads_.List(tx, mine, 1000, "")) {
    if (lead.facts.campaign_id != campaign_id) continue;
    found.row = std::move(lead);
    found.existing = true;
    return found;
  }
  found.row.facts.lead_id = fresh.lead_id;
  found.row.facts.campaign_id = campaign_id;
  found.row.facts.customer_id = customer_id;
  found.row.facts.contact_point_id = fresh.contact_point_id;
  found.row.facts.priority =
      std::clamp(VipPriorityBonus(fresh.vip_tier), kMinLeadPriority, kMaxLeadPriority);
  found.row.create_time = now;
  return found;
}

absl::Status CustomerLeads::Keep(pqxx::work& tx, Found& found, TimePoint now) const {
  ++found.row.revision;
  found.row.update_time = now;
  if (found.existing) {
    hopper_.EvictLead(tx, found.row.facts.lead_id);
    leads_.Update(tx, found.row);
    return absl::OkStatus();
  }
  if (!leads_.InsertIfAbsent(tx, found.row)) {
    return absl::AbortedError("the customer's lead was created meanwhile; try again");
  }
  // The insert takes a loaded lead's columns; counters the call already moved (a manual dial's
  // attempt) are written with the rest.
  leads_.Update(tx, found.row);
  return absl::OkStatus();
}

}  // namespace tmk::dialing
