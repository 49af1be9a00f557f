#pragma once
// The last check before a customer's phone rings (R2, R6, R10, R20). The hopper judged its leads
// when it queued them, but an entry may wait there while a calling window closes, while another
// campaign's call to the same customer is abandoned (the 72 h recall block) or reaches a frequency
// cap. So the dialer asks the gate, in the transaction that takes the lead, with the region's
// compliance settings as stored now; a refused lead goes back out of the hopper, held with its
// reason until it lifts, and nobody is rung. Agents' own dials (preview, manual) ask the same gate
// with `agent_reserved`, which only lifts the recall block.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/domain/compliance_rules.h"
#include "services/dialing/domain/dial_compliance.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "services/dialing/store/customer_call_store.h"
#include "services/dialing/store/customer_callability_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"

namespace tmk::dialing {

struct DialAttempt {
  std::string campaign_id;
  std::string customer_id;
  // The lead whose call HopperStore::Take has just recorded at `now` (not counted against
  // itself); empty when no call is recorded yet.
  std::string lead_id;
  TimePoint now;
  bool agent_reserved = false;
  // The number an agent chose (preview, manual): that phone is judged, not the customer's best.
  std::string contact_point_id;
};

class DialGate {
 public:
  DialGate(const CampaignProjectionStore& campaigns, std::string region)
      : campaigns_(campaigns), region_(std::move(region)) {}

  // The region's compliance rules as stored, the legal defaults when nobody set them.
  ComplianceRules Rules(pqxx::work& tx) const;
  // NOT_FOUND when dialing knows no such campaign.
  absl::StatusOr<DialVerdict> Check(pqxx::work& tx, const DialAttempt& attempt,
                                    const ComplianceRules& rules) const;
  // A refused lead leaves the hopper and waits with its first reason until it lifts (an hour when
  // that is unknown, e.g. a frequency cap), so the next fill does not queue it again at once.
  void Refuse(pqxx::work& tx, const std::string& lead_id, const Blocked& why, TimePoint now) const;
  // An agent's refused dial as answered: FAILED_PRECONDITION with the reason's name
  // (OUTSIDE_CALLING_WINDOW, DO_NOT_CALL, FREQUENCY_CAP, ...) and, when known, `retry_after`.
  static absl::Status Refusal(const Blocked& why);

 private:
  const CampaignProjectionStore& campaigns_;
  std::string region_;
  ComplianceSettingsStore settings_;
  CustomerCallabilityStore customers_;
  CustomerCallStore calls_;
  HopperStore hopper_;
  LeadStore leads_;
};

}  // namespace tmk::dialing
