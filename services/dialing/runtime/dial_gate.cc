#include "services/dialing/runtime/dial_gate.h"

#include "services/common/calendar/local_date_time.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/domain/customer_contact_facts.h"

namespace tmk::dialing {

ComplianceRules DialGate::Rules(pqxx::work& tx) const {
  return RegionRules(tx, settings_, region_);
}

absl::StatusOr<DialVerdict> DialGate::Check(pqxx::work& tx, const DialAttempt& a,
                                            const ComplianceRules& rules) const {
  absl::StatusOr<CampaignDialingRules> campaign = LoadCampaignRules(tx, campaigns_, a.campaign_id);
  if (!campaign.ok()) return campaign.status();
  const auto customers = customers_.Find(tx, {a.customer_id});
  const auto found = customers.find(a.customer_id);
  const CustomerProjection* customer = found == customers.end() ? nullptr : &found->second;
  const auto counts = calls_.Counts(tx, {a.customer_id}, a.now, a.lead_id);

  DialComplianceContext c;
  c.now = a.now;
  c.calendars = campaign->CalendarsFor(customer ? customer->kind : 0);
  c.zone = calendar::ResolveTimeZone(customer ? customer->time_zone : std::string(),
                                     campaign->windows.fallback_time_zone);
  c.customer = EvaluateCustomer(customer ? customer->facts : CustomerContactFacts{},
                                campaign->purpose, campaign->region, a.campaign_id, a.now)
                   .callability;
  if (auto count = counts.find(a.customer_id); count != counts.end()) c.counts = count->second;
  c.frequency_cap = campaign->policy.frequency_cap;
  c.abandon_recall_block = rules.abandon_recall_block;
  c.agent_reserved = a.agent_reserved;
  return CheckDialCompliance(c);
}

void DialGate::Refuse(pqxx::work& tx, const std::string& lead_id, const Blocked& why,
                      TimePoint now) const {
  hopper_.EvictLead(tx, lead_id);
  leads_.Hold(tx, {{lead_id, why.reason, why.until.value_or(now + std::chrono::hours(1))}});
}

}  // namespace tmk::dialing
